"""What a school deploys, checked without a hub: the Z2JH config against the chart's own values
schema, the student image's package list, the LTI form of the link, the TLJH Python check and
the order of the README's class section."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
import yaml

from classroom import link, user_env

ROOT = Path(__file__).resolve().parent.parent
CLASSROOM = ROOT / "classroom"
CHART = CLASSROOM / "z2jh-chart"
README = (ROOT / "README.md").read_text(encoding="utf-8")
STUDENT_LOCK = CLASSROOM / "student.lock"
NOT_FOR_STUDENTS = {
    "pytest", "ruff", "hypothesis", "playwright", "axe-playwright-python", "sphinx", "myst-nb",
    "sphinx-book-theme", "jupyter-cache", "sphinx-togglebutton", "uv", "setuptools",
}  # fmt: skip


def pins(path: Path) -> dict[str, str]:
    found = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", path.read_text(encoding="utf-8"), re.M)
    return {name.lower(): version for name, version in found}


def helm_merge(defaults: dict, mine: dict) -> dict:
    """The chart's values with a config.yaml over them, maps merged key by key as helm does
    (a null deletes the chart's key)."""
    merged = dict(defaults)
    for key, value in mine.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = helm_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def schema_errors(config: dict) -> list[str]:
    schema = json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))
    defaults = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    errors = validator.iter_errors(helm_merge(defaults, config))
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def z2jh_config() -> dict:
    return yaml.safe_load((CLASSROOM / "z2jh-config.yaml").read_text(encoding="utf-8"))


def test_the_z2jh_config_passes_the_values_schema_of_the_chart_the_readme_names():
    assert "4.4.0" in (CHART / "ORIGIN.txt").read_text() and "--version 4.4.0" in README
    assert schema_errors(z2jh_config()) == []


def test_the_schema_check_catches_a_misspelt_key():
    config = z2jh_config()
    config["singleuser"]["memmory"] = config["singleuser"].pop("memory")
    assert any("memmory" in e for e in schema_errors(config))


def test_the_z2jh_config_replaces_the_dummy_login_and_keeps_student_volumes():
    hub = z2jh_config()["hub"]["config"]
    assert hub["JupyterHub"]["authenticator_class"] not in ("dummy", "null")
    allow = hub["Authenticator"]
    assert allow.get("allow_existing_users") is True and not allow.get("allow_all")
    assert hub["KubeSpawner"]["delete_pvc"] is False
    assert z2jh_config()["proxy"]["https"]["enabled"] is True


def test_teacher_roles_reach_one_class_only():
    config = z2jh_config()
    groups = config["hub"]["config"]["JupyterHub"]["load_groups"]
    for name, role in config["hub"]["loadRoles"].items():
        group = name.removeprefix("teacher-")
        assert group in groups, name
        filtered = [s for s in role["scopes"] if s != "admin-ui"]
        assert filtered and all(s.endswith(f"!group={group}") for s in filtered), role["scopes"]
        assert not {"admin:users", "admin:servers", "access:servers"} & set(role["scopes"])


def test_the_student_image_installs_only_what_a_students_server_needs():
    student, lock = pins(STUDENT_LOCK), pins(ROOT / "requirements.lock")
    wanted = re.findall(r"^([a-z][a-z0-9-]*)", (CLASSROOM / "student.in").read_text(), re.M)
    assert set(wanted) <= set(student), set(wanted) - set(student)
    assert not NOT_FOR_STUDENTS & set(student), NOT_FOR_STUDENTS & set(student)
    drift = {n: (v, lock.get(n)) for n, v in student.items() if lock.get(n) != v}
    assert not drift, (
        f"classroom/student.lock differs from requirements.lock: {drift}; run make lock"
    )
    image_stage = (CLASSROOM / "Dockerfile").read_text().split("\nFROM ")[-1]
    installs = [line for line in image_stage.splitlines() if "pip install" in line]
    assert any("-r /tmp/course/student.lock" in line for line in installs), installs
    assert not any("requirements.lock" in line for line in installs), installs


def test_the_student_lock_is_what_make_lock_compiles(tmp_path):
    uv = Path(sys.executable).parent / "uv"
    out = tmp_path / "student.lock"
    cmd = [uv, "pip", "compile", "-q", CLASSROOM / "student.in", "-c", ROOT / "requirements.lock"]
    cmd += ["-o", out, "--python-version", "3.11"]
    for extra in (["--offline"], []):  # the cache first; the registry only if something is missing
        done = subprocess.run([*map(str, cmd), *extra], capture_output=True, text=True, cwd=ROOT)
        if done.returncode == 0:
            break
    assert done.returncode == 0, done.stderr
    assert pins(out) == pins(STUDENT_LOCK)


def test_the_lti_link_leads_to_the_same_nbgitpuller_link_after_the_login():
    hub = "https://hub.example.org"
    plain = link.pull_link(hub, "https://github.com/owner/course")
    wrapped = link.main(["--lti", hub, "https://github.com/owner/course"])
    assert wrapped.startswith(f"{hub}/hub/lti13/oauth_login?next=")
    # what ltiauthenticator 1.6's LTI13LoginInitHandler.get_state does with the target_link_uri
    after_login = unquote(re.search("next=(.*)", wrapped, re.IGNORECASE).group(1))
    plain_parts = urlsplit(plain)
    assert after_login == f"{plain_parts.path}?{plain_parts.query}"
    assert link.main([hub, "https://github.com/owner/course"]) == plain


def test_the_tljh_check_stops_an_old_python_with_what_to_do():
    message = user_env.problem((3, 10, 12))
    assert "3.10" in message and "3.11" in message and "Nothing was installed" in message
    assert user_env.UPGRADE_DOCS in message
    assert user_env.problem((3, 11, 0)) is None and user_env.problem((3, 12)) is None
    ran = subprocess.run(
        [sys.executable, "-m", "classroom.user_env"], capture_output=True, text=True, cwd=ROOT
    )
    assert ran.returncode == 0, ran.stderr


def class_section() -> str:
    start = README.index("## Running it for a class")
    return README[start : README.index("\n## ", start + 1)]


def test_the_class_section_reads_login_https_install_teachers_links_backups_updates():
    headings = re.findall(r"^### (.+)$", class_section(), re.M)
    order = ["login", "HTTPS", "install", "teacher", "link", "backup", "updat"]
    positions = []
    for word in order:
        found = [i for i, h in enumerate(headings) if word.lower() in h.lower()]
        assert found, f"no heading about {word!r} in {headings}"
        positions.append(found[0])
    assert positions == sorted(positions), list(zip(order, positions, strict=True))


def tljh_commands() -> list[str]:
    """The commands of the README's TLJH install block (the bash block that runs pip)."""
    blocks = re.findall(r"```bash\n(.*?)```", class_section(), re.S)
    install = [b for b in blocks if "-m pip install" in b]
    assert len(install) == 1, "expected one TLJH install block in the README's class section"
    return [line for line in install[0].splitlines() if line and not line.startswith("#")]


def test_the_tljh_install_checks_python_first_and_ends_with_pip_check():
    commands = tljh_commands()
    check = next(i for i, c in enumerate(commands) if "-m classroom.user_env" in c)
    install = next(i for i, c in enumerate(commands) if "-m pip install" in c)
    assert check < install and commands[install + 1].endswith("-m pip check"), commands
    words = commands[install].split()
    assert words[words.index("-c") + 1] == "classroom/student.lock"
    assert {"notebook", "jupyterlab", "."} <= set(words), words


@pytest.mark.parametrize("key", ["https.enabled", "https.letsencrypt.email"])
def test_the_readme_sets_tljh_https_before_the_login(key):
    section = class_section()
    assert section.index(f"tljh-config set {key}") < section.index("tljh-config set auth.type")
