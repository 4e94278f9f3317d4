"""The website links the PDFs that were printed, and only those: the lessons' handouts on their
pages, and the capstone's evidence packets on the capstone's page and the home page."""

from __future__ import annotations

from helpers.evidence.turning_points import BY_ID
from publish import pdf_links

CAPSTONE = "08_capstone"
LESSON = "04_border_wars_1931_1941"


def printed(tmp_path, names):
    root = tmp_path / "print"
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"%PDF-1.4\n")
    return root


def test_packets_are_found_and_public_but_teacher_editions_are_not(tmp_path):
    root = printed(
        tmp_path,
        [
            f"{LESSON}.student.a4.pdf",
            f"{LESSON}.teacher.a4.pdf",
            "packets/portsmouth_1905.a4.pdf",
            "packets/notes.txt",
        ],
    )
    assert pdf_links.existing(root) == {
        f"{LESSON}.student.a4.pdf",
        "packets/portsmouth_1905.a4.pdf",
    }


def test_the_capstone_page_and_the_home_page_link_each_printed_packet(tmp_path):
    names = {"packets/portsmouth_1905.a4.pdf", "packets/august_1945.a4.pdf"}
    cell = pdf_links.lesson_cell(CAPSTONE, names)
    for tp in ("portsmouth_1905", "august_1945"):
        assert f'href="../print/packets/{tp}.a4.pdf"' in cell
        assert BY_ID[tp].label in cell
    assert cell.index("portsmouth_1905") < cell.index("august_1945"), "the course's order"
    assert "shimoda_1855" not in cell, "a packet that was not printed is not linked"
    home = pdf_links.home_md([(CAPSTONE, "Capstone")], names)
    assert 'href="print/packets/august_1945.a4.pdf"' in home


def test_other_lessons_do_not_link_packets(tmp_path):
    names = {"packets/portsmouth_1905.a4.pdf"}
    assert pdf_links.lesson_cell(LESSON, names) is None
    cell = pdf_links.lesson_cell(LESSON, names | {f"{LESSON}.worksheet.a4.pdf"})
    assert "packets/" not in cell and f"../print/{LESSON}.worksheet.a4.pdf" in cell


def test_copy_keeps_packets_and_removes_stale_ones(tmp_path):
    root = printed(tmp_path, ["packets/portsmouth_1905.a4.pdf", "course-reader.a4.pdf"])
    target = tmp_path / "site" / "print"
    stale = target / "packets" / "shimoda_1855.a4.pdf"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"%PDF-1.4\n")
    pdf_links.copy_into(pdf_links.existing(root), root, target)
    assert (target / "packets" / "portsmouth_1905.a4.pdf").exists()
    assert (target / "course-reader.a4.pdf").exists()
    assert not stale.exists()
