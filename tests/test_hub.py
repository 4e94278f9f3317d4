"""A whole class at once, on a real JupyterHub (``pytest -m hub``; part of ``make test``).

A local hub (jupyterhub and configurable-http-proxy from their registries, DummyAuthenticator,
SimpleLocalProcessSpawner, everything on 127.0.0.1) serves three students whose servers run
from a fresh environment holding the lock and the course wheel, not the checkout. Each
student pulls the course with nbgitpuller from a file:// clone, writes their own answer into
the orientation lesson, and all three run it at the same time in their own kernels (one on
the hub's default ``python3`` kernel). The hub carries the class groups and teacher roles of
``classroom/z2jh-config.yaml``: a class's teacher opens and starts their students' servers and
no one else's. Then the teacher updates the course mid-term, and later rewrites its history.
"""

from __future__ import annotations

import asyncio
import json
import shutil

import nbformat
import pytest

import helpers
from classroom import local_hub
from classroom.link import pull_link

from .ci import skip_or_fail

pytestmark = pytest.mark.hub

STUDENTS = ["alice", "bob", "carol"]  # the students of the config's example classes
GROUPS, ROLES = local_hub.class_config()
TEACHERS = sorted({name for role in ROLES for name in role["users"]})
DEFAULT_KERNEL_STUDENT = "carol"  # runs the lesson on the hub's default kernel, not the course one
COURSE = "course"  # nbgitpuller's targetpath in each home
LESSON = f"{COURSE}/notebooks/00_orientation.ipynb"


def answer(name: str) -> str:
    return f"ANSWER-OF-{name.upper()}: the Khalkhin Gol figures differ by source"


@pytest.fixture(scope="module")
def classroom(course_build, tmp_path_factory):
    try:
        proxy = local_hub.ensure_proxy()
    except local_hub.HubError as err:
        skip_or_fail(f"the hub's proxy could not be installed: {err}")
    work = tmp_path_factory.mktemp("hub")
    repo = work / "course-repo"  # the teacher's repository, which this module changes
    shutil.copytree(course_build["repo"], repo)
    hub = local_hub.LocalHub(work / "hub", course_build["image"], proxy, (GROUPS, ROLES))
    with hub:

        async def open_class():
            tokens = await hub.add_students(STUDENTS + TEACHERS)
            ready = await asyncio.gather(*(hub.start_server(n) for n in STUDENTS))
            pulls = await asyncio.gather(
                *(hub.pull(n, tokens[n], f"file://{repo}", COURSE) for n in STUDENTS)
            )
            return (
                tokens,
                dict(zip(STUDENTS, ready, strict=False)),
                dict(zip(STUDENTS, pulls, strict=False)),
            )

        tokens, ready, pulls = asyncio.run(open_class())
        yield {"hub": hub, "tokens": tokens, "ready": ready, "pulls": pulls, "repo": repo}
    assert not hub.leftovers(), f"processes left running: {hub.leftovers()}"


def run(coro):
    return asyncio.run(coro)


def test_each_student_has_a_server_the_course_and_its_kernel(classroom):
    hub, tokens = classroom["hub"], classroom["tokens"]
    for name in STUDENTS:
        assert "git clone" in classroom["pulls"][name]
        assert (hub.homes / name / LESSON).is_file()
        specs = run(hub.kernelspecs(name, tokens[name]))["kernelspecs"]
        # registered by installing the wheel: no postBuild, no `ipykernel install`
        assert "russo-japanese-course" in specs and "python3" in specs


def test_a_lesson_runs_in_parallel_and_each_students_answers_stay_their_own(classroom):
    hub, tokens = classroom["hub"], classroom["tokens"]

    async def write_answer(name):
        nb = await hub.read_notebook(name, tokens[name], LESSON)
        lines = (
            f'\nmy_answer = "{answer(name)}"\nprint(my_answer)\n'
            'import os\nprint("working folder:", os.getcwd())'
        )
        exercise = next(
            (c for c in nb.cells if c.cell_type == "code" and "# Your code here" in c.source), None
        )
        if exercise is None:
            nb.cells.append(nbformat.v4.new_code_cell(lines.strip()))
        else:
            exercise.source += lines
        await hub.save_notebook(name, tokens[name], LESSON, nb)

    async def lesson():
        await asyncio.gather(*(write_answer(n) for n in STUDENTS))
        kernels = {n: ("python3" if n == DEFAULT_KERNEL_STUDENT else None) for n in STUDENTS}
        runs = await asyncio.gather(
            *(hub.run_notebook(n, tokens[n], LESSON, kernel=kernels[n]) for n in STUDENTS)
        )
        saved = await asyncio.gather(*(hub.read_notebook(n, tokens[n], LESSON) for n in STUDENTS))
        return dict(zip(STUDENTS, runs, strict=False)), dict(zip(STUDENTS, saved, strict=False))

    runs, saved = run(lesson())
    for name in STUDENTS:
        nb = runs[name]
        errors = [
            (i, o.ename, o.evalue)
            for i, c in enumerate(nb.cells)
            if c.cell_type == "code"
            for o in c.outputs
            if o.output_type == "error"
        ]
        assert not errors, f"{name}: error outputs {errors}"
        code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
        assert all(c.execution_count for c in code), f"{name}: not every cell ran"
        outputs = json.dumps([c.outputs for c in code])
        assert "Course version mismatch" not in outputs
        assert answer(name) in outputs
        assert f"working folder: {hub.homes / name / COURSE / 'notebooks'}" in outputs
        on_disk = (hub.homes / name / LESSON).read_text()
        for copy in (json.dumps(saved[name]), on_disk):
            assert answer(name) in copy
            others = [o for o in STUDENTS if o != name and answer(o) in copy]
            assert not others, f"{name}'s notebook holds the answers of {others}"
    teacher = (classroom["repo"] / "notebooks" / "00_orientation.ipynb").read_text()
    assert not any(answer(n) in teacher for n in STUDENTS)


def test_the_link_a_teacher_hands_out_opens_nbgitpuller_in_the_students_own_server(classroom):
    hub = classroom["hub"]
    browser = hub.login("bob")
    page = browser.get(
        pull_link(hub.url, f"file://{classroom['repo']}", target=COURSE), timeout=120
    )
    assert page.status_code == 200 and page.url.startswith(f"{hub.url}/user/bob/git-pull?"), (
        page.status_code,
        page.url,
    )
    assert "nbgitpuller" in page.text.lower()


def test_a_student_cannot_open_another_students_server(classroom):
    hub, tokens = classroom["hub"], classroom["tokens"]
    resp = run(
        hub.request("GET", f"/user/bob/api/contents/{LESSON}", token=tokens["alice"], raw=True)
    )
    assert resp.code in (403, 404), resp.code
    resp = run(
        hub.request(
            "GET", f"/user/alice/api/contents/{LESSON}?content=0", token=tokens["alice"], raw=True
        )
    )
    assert resp.code == 200


def test_mid_term_update_keeps_student_work_and_a_renamed_copy_brings_the_new_version(classroom):
    """What the README and the version message promise about nbgitpuller's merge."""
    hub, tokens, repo, name = classroom["hub"], classroom["tokens"], classroom["repo"], "alice"
    path = repo / "notebooks" / "00_orientation.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source += "\n\nUPDATED-BY-THE-TEACHER"
    newer = ".".join(
        str(int(p) + 1) if i == 0 else p for i, p in enumerate(helpers.COURSE_VERSION.split("."))
    )
    first = next(c for c in nb.cells if c.cell_type == "code")
    first.source = first.source.replace(
        f'course_version="{helpers.COURSE_VERSION}"', f'course_version="{newer}"'
    )
    readme = (repo / "README.md").read_text() + "\nUPDATED-README\n"
    local_hub.teacher_commit(
        repo,
        {"notebooks/00_orientation.ipynb": nbformat.writes(nb) + "\n", "README.md": readme},
        "Teacher's mid-term fix",
    )
    renamed = LESSON.replace(".ipynb", "-mine.ipynb")

    async def update():
        await hub.pull(
            name, tokens[name], f"file://{repo}", COURSE
        )  # the student clicks the link again
        after_pull = await hub.read_notebook(name, tokens[name], LESSON)
        await hub.rename(name, tokens[name], LESSON, renamed)  # the README's advice
        await hub.pull(name, tokens[name], f"file://{repo}", COURSE)
        fresh = await hub.read_notebook(name, tokens[name], LESSON)
        mine = await hub.read_notebook(name, tokens[name], renamed)
        first_cell = await hub.run_notebook(name, tokens[name], LESSON, max_cells=1)
        return after_pull, fresh, mine, first_cell

    after_pull, fresh, mine, first_cell = run(update())
    assert (
        hub.homes / name / COURSE / "README.md"
    ).read_text() == readme  # untouched files follow the teacher
    assert answer(name) in json.dumps(after_pull)  # nbgitpuller never overwrites the student's work
    assert "UPDATED-BY-THE-TEACHER" in json.dumps(fresh) and answer(name) not in json.dumps(fresh)
    assert answer(name) in json.dumps(mine)
    shown = json.dumps(
        first_cell.cells[[c.cell_type for c in first_cell.cells].index("code")].outputs
    )
    assert "Course version mismatch" in shown and newer in shown and "older" in shown


def test_the_configs_classes_are_the_students_of_this_hub():
    assert sorted(u for g in GROUPS.values() for u in g["users"]) == sorted(STUDENTS)
    assert {r["name"] for r in ROLES} == {"teacher-class-a", "teacher-class-b"}


def test_a_teacher_sees_starts_and_opens_the_servers_of_their_class_only(classroom):
    """The teacher role of classroom/z2jh-config.yaml, on a real hub: class A's teacher lists,
    restarts and opens class A's servers and is refused class B's."""
    hub, tokens = classroom["hub"], classroom["tokens"]
    teacher = next(r for r in ROLES if r["name"] == "teacher-class-a")["users"][0]
    mine, others = GROUPS["class-a"]["users"], GROUPS["class-b"]["users"]
    token = tokens[teacher]

    browser = hub.login(teacher)
    opened = {name: hub.browse(browser, f"/user/{name}/lab") for name in mine + others}
    lessons = [browser.get(f"{hub.url}/user/{n}/api/contents/{LESSON}?content=0") for n in mine]

    async def as_teacher():
        seen = {u["name"] for u in await hub.request("GET", "/hub/api/users", token=token)}
        start_other = await hub.request(
            "POST", f"/hub/api/users/{others[0]}/server", token=token, raw=True
        )
        stop_other = await hub.request(
            "DELETE", f"/hub/api/users/{others[0]}/server", token=token, raw=True
        )
        await hub.stop_server(mine[-1], token=token)
        await hub.start_server(mine[-1], token=token)
        other_user = await hub.request("GET", f"/hub/api/users/{others[0]}", raw=True)
        return seen, start_other.code, stop_other.code, other_user

    seen, start_other, stop_other, other_user = run(as_teacher())
    reopened = hub.browse(browser, f"/user/{mine[-1]}/lab")
    codes = {name: page.status_code for name, page in opened.items()}
    assert all(codes[n] == 200 for n in mine), codes
    assert all(opened[n].url.startswith(f"{hub.url}/user/{n}/lab") for n in mine)
    assert [page.json()["path"] for page in lessons] == [LESSON] * len(mine)
    assert all(codes[n] == 403 for n in others), codes
    assert "You do not have permission" in opened[others[0]].text
    assert set(mine) <= seen and not set(others) & seen, seen
    assert start_other in (403, 404) and stop_other in (403, 404), (start_other, stop_other)
    assert reopened.status_code == 200, reopened.status_code
    assert json.loads(other_user.body)["servers"][""]["ready"]  # class B's server untouched


def test_an_update_after_the_teacher_rewrote_history_is_stopped_and_explained(classroom):
    """nbgitpuller 1.3 clones with depth 1 and merges with git; when the teacher's new history
    no longer holds the commit the student's copy started from (a squash, then a force-push),
    git refuses to merge unrelated histories and nbgitpuller reports a merge error, whose page
    offers "Backup and resync": the student's folder is moved aside, nothing merged."""
    hub, tokens, repo, name = classroom["hub"], classroom["tokens"], classroom["repo"], "carol"

    async def student_edits():
        nb = await hub.read_notebook(name, tokens[name], LESSON)
        nb.cells.append(nbformat.v4.new_code_cell(f'"{answer(name)}"'))
        await hub.save_notebook(name, tokens[name], LESSON, nb)

    run(student_edits())
    before = (hub.homes / name / LESSON).read_text()
    readme = (repo / "README.md").read_text() + "\nAFTER-THE-SQUASH\n"
    local_hub.teacher_squash(repo, {"README.md": readme}, "Course, history squashed")

    stopped = run(hub.pull_events(name, tokens[name], f"file://{repo}", COURSE))
    error = next(e for e in stopped if e.get("phase") == "error")  # the one the page shows
    assert error["error"]["code"] == "merge", error  # the page's merge-conflict help
    assert error["error"]["message"] == "Merge error detected"
    assert "refusing to merge unrelated histories" in json.dumps(stopped)
    assert not any(e.get("phase") == "finished" for e in stopped)
    assert (hub.homes / name / LESSON).read_text() == before  # nothing merged into the work
    assert "AFTER-THE-SQUASH" not in (hub.homes / name / COURSE / "README.md").read_text()

    resynced = run(hub.pull_events(name, tokens[name], f"file://{repo}", COURSE, backup=True))
    assert resynced[-1]["phase"] == "finished", resynced[-1]
    backups = list(hub.homes.joinpath(name).glob(f"{COURSE}_backup_*"))
    assert len(backups) == 1, backups
    assert answer(name) in (backups[0] / "notebooks" / "00_orientation.ipynb").read_text()
    assert (hub.homes / name / COURSE / "README.md").read_text() == readme
    assert answer(name) not in (hub.homes / name / LESSON).read_text()
