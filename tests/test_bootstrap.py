"""tools/bootstrap.sh (shared by ./run and ./test), with pip and apt-get replaced by stubs that log their arguments."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of tools/bootstrap.sh beside a pyproject.toml of its own, and an environment whose python logs."""
    (tmp_path / "tools").mkdir()
    shutil.copy(ROOT / "tools" / "bootstrap.sh", tmp_path / "tools" / "bootstrap.sh")
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    os.utime(tmp_path / "pyproject.toml", (1_000_000_000, 1_000_000_000))
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\necho "$*" >>{tmp_path / "pip.log"}\n')
    python.chmod(0o755)
    return tmp_path


def bash(checkout: Path, script: str, **env: str) -> subprocess.CompletedProcess[str]:
    prelude = f"source {checkout / 'tools' / 'bootstrap.sh'}\ncheck_python() {{ :; }}\n"
    return subprocess.run(
        ["bash", "-c", prelude + script],
        capture_output=True,
        text=True,
        env={**os.environ, "ANNOTATOR_VENV": str(checkout / ".venv"), **env},
        timeout=60,
    )


def installs(checkout: Path) -> list[str]:
    log = checkout / "pip.log"
    lines = log.read_text().splitlines() if log.exists() else []
    return [line.split("-e ", 1)[1].rsplit("[", 1)[-1].rstrip("]") for line in lines if " -e " in line]


def test_run_after_test_installs_nothing(checkout: Path) -> None:
    assert bash(checkout, "make_venv dev,models,models-test").returncode == 0
    assert bash(checkout, "make_venv models").returncode == 0  # ./run: its extras are among those
    assert installs(checkout) == ["dev,models,models-test"]
    assert (checkout / ".venv" / ".annotator-installed").read_text() == "dev,models,models-test\n"


def test_test_after_run_adds_its_extras_and_keeps_the_others(checkout: Path) -> None:
    bash(checkout, "make_venv models")
    bash(checkout, "make_venv dev,models,models-test")
    bash(checkout, "make_venv models")
    bash(checkout, "make_venv dev,models,models-test")
    assert installs(checkout) == ["models", "dev,models,models-test"]


def test_a_changed_pyproject_installs_everything_again(checkout: Path) -> None:
    bash(checkout, "make_venv dev,models,models-test")
    now = time.time()  # pyproject.toml changed after the stamp was written (times apart: a touch may share its tick)
    os.utime(checkout / ".venv" / ".annotator-installed", (now - 10, now - 10))
    os.utime(checkout / "pyproject.toml", (now - 5, now - 5))
    bash(checkout, "make_venv models")
    assert installs(checkout) == ["dev,models,models-test", "dev,models,models-test"]
    bash(checkout, "make_venv models")
    assert len(installs(checkout)) == 2


def test_the_stamps_of_the_older_script_count(checkout: Path) -> None:
    (checkout / ".venv" / ".annotator-installed-dev,models,models-test").touch()
    bash(checkout, "make_venv models")
    assert installs(checkout) == []


def test_extras_sets(checkout: Path) -> None:
    done = bash(
        checkout,
        'extras_set "models,dev models"; extras_missing models,x dev,models; '
        'echo "[$(extras_missing models dev,models)]"',
    )
    assert done.stdout.splitlines() == ["dev,models", "x", "[]"]


# -- another package manager at work ----------------------------------------------------------------------------
@pytest.fixture
def lock(tmp_path: Path):  # noqa: ANN201
    path = tmp_path / "lock-frontend"
    path.touch()
    return path


def test_a_lock_held_by_another_process_is_seen(checkout: Path, lock: Path) -> None:
    assert bash(checkout, f"lock_held {lock}").returncode == 1
    with lock.open("w") as handle:
        fcntl.lockf(handle, fcntl.LOCK_EX)  # as dpkg and apt lock it (fcntl, not flock)
        assert bash(checkout, f"lock_held {lock}").returncode == 0
        assert bash(checkout, f"lock_held {checkout / 'pyproject.toml'}").returncode == 1
    assert bash(checkout, f"lock_held {lock}").returncode == 1


def test_setup_waits_for_the_lock_and_then_goes_on(checkout: Path, lock: Path) -> None:
    holder = subprocess.Popen(
        [
            "python3",
            "-c",
            f"import fcntl, time; f = open({str(lock)!r}, 'w'); fcntl.lockf(f, fcntl.LOCK_EX); "
            "print('held', flush=True); time.sleep(1)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline() == "held\n"
    done = bash(checkout, f"DPKG_LOCKS=({lock}); wait_for_dpkg_lock && echo free")
    holder.wait()
    assert done.returncode == 0 and done.stdout == "free\n"
    assert done.stderr.count("Waiting for another package manager to finish (dpkg lock)...") == 1


def test_setup_gives_up_on_a_lock_held_too_long(checkout: Path, lock: Path) -> None:
    with lock.open("w") as handle:
        fcntl.lockf(handle, fcntl.LOCK_EX)
        done = bash(checkout, f"DPKG_LOCKS=({lock}); wait_for_dpkg_lock", DPKG_LOCK_WAIT_S="1")
    assert done.returncode == 1
    assert "still holds the dpkg lock after 1s" in done.stderr


def test_apt_get_waits_for_the_lock_too(checkout: Path, lock: Path, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "$*" >>{tmp_path / "apt.log"}\n')
    (bin_dir / "apt-get").chmod(0o755)
    script = f"""
        DPKG_LOCKS=({lock})
        id() {{ echo 0; }}
        missing_packages() {{ echo sox; }}
        install_system_packages sox
    """
    done = bash(checkout, script, PATH=f"{bin_dir}:{os.environ['PATH']}")
    assert done.returncode == 0, done.stderr
    calls = (tmp_path / "apt.log").read_text().splitlines()
    assert calls == [
        "-o DPkg::Lock::Timeout=300 update -qq",
        "-o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends sox",
    ]
