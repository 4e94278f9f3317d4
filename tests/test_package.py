"""The course installs without a checkout: a wheel carries every table, the questions, the
narrative sources and the kernel spec; installed into a fresh environment outside the
repository, it loads every table and registers the kernel the notebooks name."""

from __future__ import annotations

import json
import subprocess
import textwrap
import zipfile

import nbformat

import helpers
from helpers import data, locations, version

from .conftest import DATA, ROOT

LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_wheel_carries_every_table_and_the_kernel(course_build):
    names = set(zipfile.ZipFile(course_build["wheel"]).namelist())
    package = json.loads((DATA / "datapackage.json").read_text())
    expected = {"helpers/lessons_data/datapackage.json"}
    expected |= {f"helpers/lessons_data/{res['path']}" for res in package["resources"]}
    for kind in ("questions", "sources"):
        expected |= {
            f"helpers/notebooks/{kind}/{p.name}" for p in (ROOT / "notebooks" / kind).glob("*.json")
        }
    expected |= {f"helpers/charts/{p.name}" for p in (ROOT / "helpers" / "charts").glob("*.py")}
    expected |= {"helpers/assets/topojson/world_110m.json", "helpers/assets/topojson/asia_50m.json"}
    missing = sorted(expected - names)
    assert not missing, f"the wheel lacks {missing}"
    kernel = [
        n for n in names if n.endswith("share/jupyter/kernels/russo-japanese-course/kernel.json")
    ]
    assert kernel, "the wheel does not install the course kernel spec"


def test_installed_wheel_loads_every_table_outside_the_checkout(course_build, tmp_path):
    python = course_build["image"] / "bin" / "python"
    expected = {name: len(df) for name, df in data.load_all().items()}
    lessons = [p.stem for p in LESSONS]
    script = textwrap.dedent(f"""
        import json, helpers
        from helpers import data, locations
        from helpers.lesson import quiz
        from helpers.lesson import narrative_sources
        assert "site-packages" in helpers.__file__, helpers.__file__
        assert locations.data_dir().is_relative_to(locations.PACKAGE), locations.data_dir()
        for lesson in {lessons!r}:
            quiz(lesson); narrative_sources(lesson)
        print(json.dumps({{"version": helpers.__version__,
                           "rows": {{n: len(df) for n, df in data.load_all().items()}}}}))
    """)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    out = subprocess.run(
        [str(python), "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["rows"] == expected
    assert result["version"] == helpers.__version__
    specs = subprocess.run(
        [str(course_build["image"] / "bin" / "jupyter"), "kernelspec", "list", "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    course = json.loads(specs.stdout)["kernelspecs"]["russo-japanese-course"]
    assert course["resource_dir"].startswith(str(course_build["image"]))
    assert (
        course["spec"]["argv"][0] == "python"
    )  # the server's own interpreter, wherever it is installed


def test_checkout_finds_its_own_files():
    assert locations.data_dir() == DATA
    assert locations.shipped_dir("questions") == ROOT / "notebooks" / "questions"


def test_questions_next_to_the_notebook_come_first(tmp_path, monkeypatch):
    """On a hub, the student's pulled copy of the questions is read, not the installed one."""
    (tmp_path / "questions").mkdir()
    src = ROOT / "notebooks" / "questions" / "00_orientation.json"
    (tmp_path / "questions" / src.name).write_text(src.read_text())
    monkeypatch.chdir(tmp_path)
    assert locations.notebook_file("questions", src.name) == tmp_path / "questions" / src.name
    monkeypatch.chdir(ROOT)
    assert locations.notebook_file("questions", src.name) == src


def test_every_lesson_declares_the_installed_course_version():
    for path in LESSONS:
        nb = nbformat.read(path, as_version=4)
        first = next(c for c in nb.cells if c.cell_type == "code")
        assert f'setup(course_version="{helpers.COURSE_VERSION}")' in first.source, (
            f"{path.name}: its first code cell must call "
            f'setup(course_version="{helpers.COURSE_VERSION}")'
        )


def test_matching_version_says_nothing():
    assert version.mismatch_message(helpers.COURSE_VERSION) is None


def test_old_notebook_explains_nbgitpuller_and_how_to_get_the_new_one():
    message = version.mismatch_message("0.1.0", installed="0.2.0")
    assert "0.1.0" in message and "0.2.0" in message
    assert "nbgitpuller" in message and "-Xours" in message
    assert "rename this notebook" in message and "click the course link again" in message


def test_new_notebook_on_an_old_hub_asks_for_the_package_update():
    message = version.mismatch_message("0.3.0", installed="0.2.0")
    assert "older" in message and "teacher" in message and "Running it for a class" not in message
    assert "Updating the course mid-term" in message


def test_setup_shows_the_mismatch_in_the_first_cell_output(tmp_path):
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell('from helpers import setup\nsetup(course_version="0.0.1")')
        ]
    )
    NotebookClient(
        nb,
        kernel_name="russo-japanese-course",
        timeout=120,
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    bundles = [o for o in nb.cells[0].outputs if o.output_type == "display_data"]
    text = "".join(o.data.get("text/plain", "") for o in bundles)
    assert "Course version mismatch" in text and "0.0.1" in text
    assert any("course-version-warning" in o.data.get("text/html", "") for o in bundles)
    assert not [o for o in nb.cells[0].outputs if o.output_type == "error"]
