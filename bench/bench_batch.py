"""From one article to an archive: how fast, and in how much memory, N articles of about 10 KB
are read three ways (archive issue's benchmark; not a timed test).

    python bench/bench_batch.py                    # N = 1,000 and 10,000, 2 jobs, 200-article loop
    python bench/bench_batch.py --n 1000 --loop-sample 50

For each N it writes N varied articles into a temporary folder, then times, each in a fresh
process:

- the batch command line, ``verify extract FOLDER -o claims.csv --jobs 2``;
- the Dask path, ``verify.batch.dask_path.dask_extract`` on a ``distributed.LocalCluster`` of 2 worker
  processes (the cluster's start-up included);
- a shell loop of one ``verify extract FILE -o FILE.csv`` per article over a sample (default 200
  articles), scaled up to N.

and prints articles per second, the seconds for N, the peak memory of the whole process tree
(the sum of every process's resident memory, sampled with psutil every 50 ms) and the peak of the
largest single process (``getrusage(RUSAGE_CHILDREN).ru_maxrss`` of a wrapper process that runs
only that command), and the CPU seconds per article of all its processes, side by side (the
CPU figure changes little when neighbours load the machine: on 2 idle cores the batch's wall
time is about half of it). It checks that the CLI's and Dask's tables are the same bytes.

The articles: the seed's paragraphs shuffled, their figures changed and names swapped with a
seeded random generator, between paragraphs of our own made from templates; each is about 10 KB,
no two are alike, and they hold about as many claims as the seed (which it prints). The machine is shared: ``uptime``'s load is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from verify import SEED_ARTICLE  # noqa: E402

PYTHON = sys.executable
VERIFY = str(Path(PYTHON).with_name("verify"))

# --- The articles ------------------------------------------------------------------------------

SEED_PARAGRAPHS = [p for p in SEED_ARTICLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
NAMES = ["Giulia Ferri", "Marco Bellini", "Anna Rota", "Paolo Gatti", "Elena Marchi",
         "Luca Serra", "Sara Fontana", "Davide Greco", "Chiara Villa", "Stefano Conti"]
PLACES = ["Genova", "Bari", "Torino", "Palermo", "Verona", "Trieste", "Cagliari", "Perugia"]
SWAPS = {"Putin": NAMES, "Kim Jong Un": NAMES, "Pyongyang": PLACES, "Mosca": PLACES}
TEMPLATES = [
    "Secondo l'ufficio statistico di {place}, nel {year} i residenti erano {n} e il {pct}% "
    "aveva più di 65 anni.",
    "{name}, assessore al bilancio, ha detto: «Abbiamo speso {m} milioni di euro per le scuole, "
    "{k} in più dell'anno scorso».",
    "Il porto di {place} ha movimentato più di {n} container nel {year}, circa il {pct}% del "
    "traffico nazionale.",
    "Le esportazioni verso la Germania sono cresciute del {pct}% nel primo trimestre del {year}, "
    "a {m} miliardi di euro, ha spiegato {name}.",
    "Nel {year} la regione contava {k} ospedali e {n} posti letto; oggi sono quasi {m} in meno.",
    "«Non è vero che i treni sono in ritardo», ha dichiarato {name}: il ritardo medio è sceso a "
    "{k} minuti, contro i {m} del {year}.",
    "La disoccupazione giovanile a {place} è al {pct}%, secondo i dati pubblicati il {k} marzo "
    "{year}.",
    # News is mostly words: statements and quotes with one figure or none.
    "{name} ha incontrato i sindaci della provincia per discutere del nuovo piano dei trasporti.",
    "«Il governo deve ascoltare chi lavora nei campi», ha detto {name} durante l'assemblea.",
    "La riunione di {place} si è chiusa senza un accordo e riprenderà la settimana prossima.",
    "Secondo {name}, la riforma entrerà in vigore entro la fine del {year}.",
    "I sindacati hanno annunciato uno sciopero, ma la data non è stata ancora fissata.",
    "Il consiglio comunale di {place} ha approvato la mozione con un solo voto contrario.",
]


def article(rng: random.Random, size: int = 10_000) -> str:
    """About ``size`` bytes of news: shuffled seed paragraphs with new figures and names, between
    paragraphs of our own."""
    seed = SEED_PARAGRAPHS[:]
    rng.shuffle(seed)
    paragraphs, total = [], 0
    while total < size:
        if seed and rng.random() < 0.8:
            text = _varied(seed.pop(), rng)
        else:
            text = " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
        paragraphs.append(text)
        total += len(text.encode("utf-8")) + 2
    return "\n\n".join(paragraphs) + "\n"


def _varied(paragraph: str, rng: random.Random) -> str:
    """A seed paragraph with each figure changed (same number of digits) and names swapped."""
    def figure(match: re.Match) -> str:
        digits = match.group()
        return str(rng.randint(10 ** (len(digits) - 1) if len(digits) > 1 else 0, 10 ** len(digits) - 1))

    paragraph = re.sub(r"\d+", figure, paragraph)
    for name, choices in SWAPS.items():
        paragraph = paragraph.replace(name, rng.choice(choices))
    return paragraph


def _sentence(rng: random.Random) -> str:
    return rng.choice(TEMPLATES).format(
        place=rng.choice(PLACES), name=rng.choice(NAMES), year=rng.randint(1990, 2025),
        n=f"{rng.randint(1_000, 3_000_000):,}".replace(",", "."),  # Italian thousands: 12.000
        pct=rng.randint(1, 99), m=rng.randint(2, 900), k=rng.randint(2, 30))


def write_archive(folder: Path, n: int, seed: int = 11) -> list[Path]:
    """``n`` articles in folders of 500, as an archive of days would be."""
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        path = folder / f"giorno-{i // 500:03d}" / f"pezzo-{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(rng), encoding="utf-8")
        paths.append(path)
    return paths


# --- Measuring a command -------------------------------------------------------------------------

WRAPPER = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
           "use = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(use.ru_maxrss, use.ru_utime + use.ru_stime); sys.exit(code)")


def measure(command: list[str], cwd: Path) -> tuple[float, float, float, float, str]:
    """Seconds, peak MB of the whole process tree, peak MB of the largest single process, CPU
    seconds of all its processes (what neighbours on a shared machine do not change much), and
    what the command said on standard error."""
    said = tempfile.TemporaryFile("w+", encoding="utf-8")  # a pipe left unread could fill up
    started = time.perf_counter()
    wrapper = subprocess.Popen([PYTHON, "-c", WRAPPER, *command], cwd=cwd, text=True,
                               stdout=subprocess.PIPE, stderr=said)
    root, peak_tree = psutil.Process(wrapper.pid), 0
    while wrapper.poll() is None:
        peak_tree = max(peak_tree, _tree_rss(root))
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    out, _ = wrapper.communicate()
    said.seek(0)
    err = said.read()
    said.close()
    if wrapper.returncode != 0:
        raise SystemExit(f"{command} failed ({wrapper.returncode}):\n{err[-2000:]}")
    largest_kb, cpu = out.split()[-2:]
    return seconds, peak_tree / 1e6, int(largest_kb) / 1e3, float(cpu), err


def _tree_rss(root: psutil.Process) -> int:
    total = 0
    try:
        for process in [root, *root.children(recursive=True)]:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                pass
    except psutil.Error:
        pass
    return total


DASK_RUN = """
import sys
from dask.distributed import Client, LocalCluster
from verify.batch.dask_path import dask_extract
with LocalCluster(n_workers=int(sys.argv[3]), threads_per_worker=1, processes=True,
                  host="127.0.0.1", dashboard_address=None) as cluster, Client(cluster) as client:
    run = dask_extract([sys.argv[1]], sys.argv[2], scheduler=client)
print(f"dask_extract: {run.articles} articles, {run.claims} claims, {len(run.failed)} failed, "
      f"{run.seconds:.1f} s without the cluster's start", file=sys.stderr)
"""


def shell_loop(sample: list[Path], where: Path) -> list[str]:
    script = where / "loop.sh"
    script.write_text(f'for f in "$@"; do "{VERIFY}" extract "$f" -o "$f.csv" || exit 1; done\n')
    return ["bash", str(script), *map(str, sample)]


# --- The table -----------------------------------------------------------------------------------

def run(n: int, jobs: int, loop_sample: int, work: Path) -> list[tuple]:
    folder = work / f"archive-{n}"
    t0 = time.perf_counter()
    paths = write_archive(folder, n)
    size = sum(p.stat().st_size for p in paths) / n
    print(f"\n{n} articles of {size / 1000:.1f} KB on average written in "
          f"{time.perf_counter() - t0:.1f} s; load: {_load()}", flush=True)
    rows = []
    cli_out, dask_out = work / f"cli-{n}.csv", work / f"dask-{n}.csv"
    seconds, tree, largest, cpu, said = measure([VERIFY, "extract", str(folder), "-o",
                                                 str(cli_out), "--jobs", str(jobs)], work)
    rows.append((f"verify extract --jobs {jobs}", n, seconds, tree, largest, cpu))
    print(f"  batch CLI done ({seconds:.1f} s): {said.strip()}; load: {_load()}", flush=True)
    seconds, tree, largest, cpu, said = measure([PYTHON, "-c", DASK_RUN, str(folder),
                                                 str(dask_out), str(jobs)], work)
    rows.append((f"Dask LocalCluster, {jobs} workers", n, seconds, tree, largest, cpu))
    print(f"  Dask done ({seconds:.1f} s): {said.strip().splitlines()[-1]}; load: {_load()}",
          flush=True)
    same = cli_out.read_bytes() == dask_out.read_bytes()
    sample = paths[:: max(1, n // loop_sample)][:loop_sample]
    seconds, tree, largest, cpu, _ = measure(shell_loop(sample, work), work)
    scale = n / len(sample)
    rows.append((f"shell loop ({len(sample)} run, scaled)", n, seconds * scale, tree, largest,
                 cpu * scale))
    print(f"  shell loop done ({seconds:.1f} s for {len(sample)}); the CLI's and Dask's tables "
          f"are {'the same bytes' if same else 'DIFFERENT'}", flush=True)
    shutil.rmtree(folder)
    return rows


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--loop-sample", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        rows = [row for n in args.n for row in run(n, args.jobs, args.loop_sample, Path(tmp))]
    loop = {n: s for name, n, s, *_ in rows if name.startswith("shell")}
    print(f"\n{'way':34} {'articles':>9} {'seconds':>9} {'art./s':>8} {'x loop':>7} "
          f"{'tree MB':>8} {'largest MB':>10} {'CPU ms/art.':>11}")
    for name, n, seconds, tree, largest, cpu in rows:
        print(f"{name:34} {n:>9,} {seconds:>9.1f} {n / seconds:>8.0f} {loop[n] / seconds:>7.0f} "
              f"{tree:>8.0f} {largest:>10.0f} {cpu / n * 1000:>11.1f}")
    print(f"\n{os.cpu_count()} cores; load at the end: {_load()}; Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
