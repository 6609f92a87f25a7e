"""``pygloss check`` over the running Python's whole standard library, timed against ruff.

Prints the findings per rule, any rule failure or crash (there must be none), and
the time of ``pygloss check --no-cache`` (default rules, ``--jobs 2``: every file
checked) and of ``ruff check --no-cache --select B006,F632,E711`` on the same files,
alternating the two commands for several rounds in one run so that machine load hits
both alike.  Wall-clock and CPU seconds (user + system of all processes) are both
reported: on a shared machine the CPU ratio is the steadier of the two.  pygloss runs
from bytecode, as an installed package does (an untimed first run writes it to a
scratch folder).

    python bench/check_stdlib.py [--rounds 3] [--jobs 2] [--floor] [--warm] [PATH]

The ratios printed are median(pygloss) / median(ruff).  ``--floor`` also times
CPython's parser alone on the same files: in each round, a fresh process runs
``ast.parse`` over every file (read beforehand, untimed; the interpreter's default
garbage collection), so the floor is a median of as many samples as pygloss's, taken
in the same rounds; pygloss's cold CPU is printed as a multiple of it (budget: 1.3x).
For context it then times, once, in this process, ``symtable`` and ``ast.parse`` with
the garbage-collection thresholds pygloss's workers use, and ``ast.parse`` in two
processes at once.  ``--stages`` says where a cold check's CPU goes, in one process
on the same files: the parse, the rules' ``requires`` pre-filter with the dispatch,
the walk that collects the nodes the rules asked for, and the rules (the whole lint
less the pre-filter and the walk, which are timed again apart; parent links are found
on demand, within the rules' time).

``--warm`` copies PATH to a scratch folder and times ``pygloss check`` there with its
result cache: a first run fills the cache, then each round times a run of the
unchanged tree (budget: no slower than ruff's cold ``--no-cache`` run, measured in the
same rounds) and a run after one file's content changed (``--verbose`` must say one
file was checked).
"""

from __future__ import annotations

import argparse
import ast
import atexit
import concurrent.futures
import contextlib
import gc
import os
import re
import resource
import shutil
import statistics
import subprocess
import symtable
import sys
import sysconfig
import tempfile
import time
import warnings
from pathlib import Path

from pygloss.files import iter_python_files, read_source


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, str, str, int]:
    """Wall seconds, CPU seconds (user + system of the children), stdout, stderr, status."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.stdout, result.stderr, result.returncode


def _series(values: list[float]) -> str:
    return f"{', '.join(f'{v:.2f}' for v in values)}; median {statistics.median(values):.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(sysconfig.get_paths()["stdlib"])
    parser.add_argument("path", nargs="?", type=Path, default=default)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--floor", action="store_true", help="also time CPython's parser alone on the files"
    )
    parser.add_argument(
        "--warm", action="store_true", help="also time runs answered by the result cache"
    )
    parser.add_argument(
        "--stages", action="store_true", help="where a cold check's CPU goes, in one process"
    )
    parser.add_argument("--parse-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.parse_only:  # one sample of the floor, in its own process (see --floor)
        print(_parse_cpu([str(p) for p in iter_python_files(args.path)]))
        return 0
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    # pygloss's modules run from bytecode, as an installed package's do (pip compiles it
    # at install; a checkout run with PYTHONDONTWRITEBYTECODE=1 would compile its source
    # at every start): written once, by an untimed first run, under a scratch prefix
    bytecode = tempfile.mkdtemp(prefix="pygloss-bench-pyc-")
    env = {**os.environ, "RAYON_NUM_THREADS": str(args.jobs), "PYTHONPYCACHEPREFIX": bytecode}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    atexit.register(shutil.rmtree, bytecode, True)
    pygloss_cmd = [sys.executable, "-P", "-m", "pygloss", "check", str(args.path), "--statistics"]
    pygloss_cmd += ["--jobs", str(args.jobs), "--no-cache"]
    ruff_cmd = [ruff, "check", "--no-cache", "--select", "B006,F632,E711", "--statistics"]
    ruff_cmd += ["--exit-zero", str(args.path)]
    files = lines = 0
    for path in iter_python_files(args.path):
        text = read_source(path)
        if isinstance(text, str):
            files += 1
            lines += text.count("\n")
    load = os.getloadavg()[0]
    times: dict[str, list[float]] = {"pygloss": [], "ruff": [], "pygloss cpu": [], "ruff cpu": []}
    out = err = ruff_out = ""
    status = 0
    floor_cmd = [sys.executable, "-P", str(Path(__file__).resolve()), "--parse-only"]
    floor_cmd.append(str(args.path))
    timed(pygloss_cmd, env)  # untimed: writes the bytecode
    for _ in range(args.rounds):
        wall, cpu, out, err, status = timed(pygloss_cmd, env)
        times["pygloss"].append(wall)
        times["pygloss cpu"].append(cpu)
        wall, cpu, ruff_out, _, _ = timed(ruff_cmd, env)
        times["ruff"].append(wall)
        times["ruff cpu"].append(cpu)
        if args.floor:
            times.setdefault("floor", []).append(float(timed(floor_cmd, env)[2]))
    print("findings per rule (pygloss check --statistics):")
    print(out.rstrip())
    problems = [line for line in err.splitlines() if "internal error" in line or " failed:" in line]
    skipped = [line for line in err.splitlines() if line.startswith("pygloss: note:")]
    print(f"\nexit status {status}; files skipped with a note: {len(skipped)}")
    print(f"rule failures or crashes: {len(problems)}")
    for line in problems:
        print("  " + line)
    print("\nruff --statistics:")
    print(re.sub(r"(?m)^", "  ", ruff_out.rstrip()))
    print(f"\n{files} files, {lines} lines; load average at start {load:.2f}")
    print(f"command: {' '.join(pygloss_cmd)}")
    print(f"  wall s: {_series(times['pygloss'])}")
    print(f"  cpu s:  {_series(times['pygloss cpu'])}")
    print(f"command: RAYON_NUM_THREADS={args.jobs} {' '.join(ruff_cmd)}")
    print(f"  wall s: {_series(times['ruff'])}")
    print(f"  cpu s:  {_series(times['ruff cpu'])}")
    for kind in ("", " cpu"):
        ratio = statistics.median(times["pygloss" + kind]) / statistics.median(times["ruff" + kind])
        print(f"ratio pygloss / ruff{kind or ' wall'} (medians, same run): {ratio:.1f}x")
    if args.floor:
        _floor(args.path, statistics.median(times["ruff cpu"]), times)
    if args.stages:
        _stages(args.path)
    if args.warm:
        _warm(args, env, ruff_cmd)
    return 1 if problems else 0


def _floor(root: Path, ruff_cpu: float, times: dict[str, list[float]]) -> None:
    """pygloss's cold CPU against the parse floor sampled in the same rounds (a fresh
    process per round, ``ast.parse`` with the default garbage collection); then, once,
    in this process, what CPython's parser costs in other forms: ``symtable`` parses in
    C and builds no syntax tree objects; ``ast.parse`` with the thresholds
    ``pygloss check``'s workers use; ``ast.parse`` in two processes at once."""
    floor = statistics.median(times["floor"])
    print("\nthe parser alone: ast.parse of every file in a fresh process, in each round:")
    print(f"  cpu s:  {_series(times['floor'])}")
    texts = []
    for path in iter_python_files(root):
        text = read_source(path)
        if isinstance(text, str):
            texts.append((str(path), text))
    print("once, in this process, CPU seconds (process_time), ratio to ruff's CPU:")
    spent: dict[str, float] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, parse, threshold in (
            ("symtable.symtable", lambda text, path: symtable.symtable(text, path, "exec"), None),
            ("ast.parse, gc tuned", lambda text, path: ast.parse(text), _GC_TUNED),
        ):
            before = gc.get_threshold()
            if threshold:
                gc.collect()
                gc.set_threshold(*threshold)
            started = time.process_time()
            for path, text in texts:
                with contextlib.suppress(SyntaxError, ValueError, RecursionError, MemoryError):
                    parse(text, path)
            spent[name] = time.process_time() - started
            gc.set_threshold(*before)
            print(f"  {name}: {spent[name]:.2f} s = {spent[name] / ruff_cpu:.1f}x ruff's whole run")
    paths = [path for path, _ in texts]
    with concurrent.futures.ProcessPoolExecutor(2) as pool:  # as `--jobs 2` runs
        halves = list(pool.map(_parse_cpu, [paths[0::2], paths[1::2]]))
    both = sum(halves)
    print(
        f"  ast.parse in two processes at once, half the files each (CPU summed): {both:.2f} s "
        f"= {both / floor:.2f}x the one-process floor (two busy cores slow each other)"
    )
    cold = statistics.median(times["pygloss cpu"])
    print(
        f"pygloss check --no-cache CPU / ast.parse (medians of the same rounds; budget 1.3x): "
        f"{cold / floor:.2f}x"
    )
    tuned = spent["ast.parse, gc tuned"]
    print(f"pygloss check --no-cache CPU / ast.parse, gc tuned: {cold / tuned:.2f}x")
    print(f"pygloss check --no-cache CPU / ast.parse in two processes: {cold / both:.2f}x")


def _parse_cpu(paths: list[str]) -> float:
    """CPU seconds ``ast.parse`` (default garbage collection) spends on *paths*, read first."""
    texts = [t for p in paths if isinstance(t := read_source(Path(p)), str)]
    started = time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for text in texts:
            with contextlib.suppress(SyntaxError, ValueError, RecursionError, MemoryError):
                ast.parse(text)
    return time.process_time() - started


_GC_TUNED = (50_000, 50, 100)  # pygloss.cli.check._GC_THRESHOLD


def _stages(root: Path) -> None:
    """CPU seconds of each stage of a cold check of *root*, in this process, with the
    garbage-collection thresholds of ``pygloss check``'s workers."""
    from pygloss.engine.config import Config
    from pygloss.engine.dispatch import collect, dispatch
    from pygloss.engine.lint import applicable, enabled_rules, lint
    from pygloss.rules.base import RuleContext
    from pygloss.syntax.source import Source

    config = Config()
    spent = dict.fromkeys(("parse", "pre-filter and dispatch", "walk", "lint"), 0.0)
    before = gc.get_threshold()
    gc.collect()
    gc.set_threshold(*_GC_TUNED)
    for path in iter_python_files(root):
        text = read_source(path)
        if not isinstance(text, str):
            continue
        started = time.process_time()
        source = Source(text, str(path))
        _ = source.statements
        parsed = time.process_time()
        lint(source, config, str(path))
        linted = time.process_time()
        rules = applicable(enabled_rules(config, str(path)), source, str(path))
        types: set[type[ast.AST]] = set()
        dispatch(rules, RuleContext(source, str(path)), types)
        filtered = time.process_time()
        collect(ast.Module(body=list(source.statements), type_ignores=[]), types)
        walked = time.process_time()
        spent["parse"] += parsed - started
        spent["lint"] += linted - parsed
        spent["pre-filter and dispatch"] += filtered - linted
        spent["walk"] += walked - filtered
    gc.set_threshold(*before)
    spent["rules"] = spent.pop("lint") - spent["pre-filter and dispatch"] - spent["walk"]
    total = sum(spent.values())
    print("\nwhere a cold check's CPU goes (one process, gc tuned), seconds:")
    for name, seconds in spent.items():
        print(f"  {name}: {seconds:.2f} ({seconds / total:.0%})")
    print(f"  total: {total:.2f} (the parse is {spent['parse'] / total:.0%})")


def _cache_line(stderr: str) -> str:
    """What ``--verbose`` said about the cache."""
    return next((line for line in stderr.splitlines() if " from the cache" in line), "?")


def _warm(args: argparse.Namespace, env: dict[str, str], ruff_cmd: list[str]) -> None:
    """Runs answered by the result cache, on a copy of the tree, against ruff's cold run."""
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "tree"
        shutil.copytree(
            args.path, tree, ignore=shutil.ignore_patterns("__pycache__", "site-packages")
        )
        cache = Path(scratch) / "cache"
        base = [sys.executable, "-P", "-m", "pygloss", "check", str(tree), "--statistics"]
        base += ["--jobs", str(args.jobs), "--cache-dir", str(cache), "--verbose"]
        ruff_here = [*ruff_cmd[:-1], str(tree)]
        changed = next(p for p in sorted(tree.rglob("*.py")) if p.stat().st_size > 1000)
        _, cold_cpu, _, err, _ = timed(base, env)
        print(f"\nresult cache, a copy of the tree in {tree}; first run {cold_cpu:.2f} s CPU")
        print(f"  {_cache_line(err)}")
        times: dict[str, list[float]] = {k: [] for k in ("warm", "warm cpu", "one", "one cpu")}
        times.update({"ruff": [], "ruff cpu": []})
        checked = set()
        for round_number in range(args.rounds):
            wall, cpu, _, err, _ = timed(base, env)
            times["warm"].append(wall)
            times["warm cpu"].append(cpu)
            wall, cpu, _, _, _ = timed(ruff_here, env)
            times["ruff"].append(wall)
            times["ruff cpu"].append(cpu)
            with changed.open("a") as stream:
                stream.write(f"\n# changed in round {round_number}\n")
            wall, cpu, _, err_one, _ = timed(base, env)
            times["one"].append(wall)
            times["one cpu"].append(cpu)
            checked.add(_cache_line(err_one))
        print(f"command: {' '.join(base)}")
        print(f"  unchanged tree, wall s: {_series(times['warm'])}")
        print(f"  unchanged tree, cpu s:  {_series(times['warm cpu'])}")
        print(f"  {_cache_line(err)}")
        print(f"  one file changed ({changed.relative_to(tree)}), wall s: {_series(times['one'])}")
        print(f"  one file changed, cpu s: {_series(times['one cpu'])}")
        for line in sorted(checked):
            print(f"  {line}")
        print(f"command: {' '.join(ruff_here)}")
        print(f"  wall s: {_series(times['ruff'])}")
        print(f"  cpu s:  {_series(times['ruff cpu'])}")
        for kind in ("", " cpu"):
            warm, ruff = times["warm" + kind], times["ruff" + kind]
            ratio = statistics.median(warm) / statistics.median(ruff)
            print(f"ratio warm pygloss / cold ruff{kind or ' wall'} (budget 1.0x): {ratio:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
