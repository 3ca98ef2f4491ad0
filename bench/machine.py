"""A description of the machine and the tools, for the results."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from pathlib import Path

from bench.envs import Env, uses_c_loader, version


def load() -> str:
    """The load averages (1, 5, 15 minutes): other work on the machine skews timings."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory() -> str:
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _commit(repo: Path) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
    )
    return done.stdout.strip() or "unknown"


def describe(environments: dict[str, Env], repo: Path) -> dict[str, str]:
    """Machine, Python and tool versions."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    about = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "CPU": f"{_cpu_model()}, {cpus} cores available ({os.cpu_count()} in the machine)",
        "memory": _memory(),
        "system": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "load before": load(),
        "treaty commit": _commit(repo),
    }
    for label, env in environments.items():
        parts = []
        for dist in ("treaty", "check-jsonschema", "ruamel.yaml", "pydantic", "jsonschema"):
            try:
                parts.append(f"{dist} {version(env, dist)}")
            except subprocess.CalledProcessError:
                continue
        loader = "libyaml C loader" if uses_c_loader(env) else "pure-Python YAML loader"
        if label == "treaty":
            code = "import ruamel.yaml.cyaml as c; print(getattr(c, '__yaml_lib'))"
            try:
                lib = env.python(code)
            except subprocess.CalledProcessError:  # no C extension at all
                lib = ""
            loader = (
                f"libyaml C parser (ruamel.yaml.{lib}, used through ruamel.yaml.cyaml)"
                if lib
                else "pure-Python YAML loader (no C extension!)"
            )
        about[label] = ", ".join(parts) + f"; {loader}"
    return about
