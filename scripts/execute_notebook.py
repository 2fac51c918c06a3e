"""Execute one notebook headless with the tslab kernel, papermill-style, and write the executed
notebook and its HTML rendering.

Usage (normally through `npm run notebooks`, which runs this with the project's .venv):
    python scripts/execute_notebook.py IN.ipynb OUT_DIR [--params JSON] [--timeout S] [--kernel tslab]

- The kernel's working folder is the input notebook's folder, as in Jupyter.
- `--params` (a JSON object) is injected papermill's way: a new code cell tagged
  `injected-parameters` right after the cell tagged `parameters`, here TypeScript that overrides
  the fields of that cell's `params` object.
- Stream output and progress are echoed to stdout as cells run.
- OUT_DIR/<name>.ipynb and OUT_DIR/<name>.html are written atomically, also when a cell fails, so
  the failure can be read in context; then the process exits 1 with the cell's error.
"""

import argparse
import json
import os
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter


def inject_parameters(nb, params):
    """Insert an `injected-parameters` cell after the `parameters` cell (papermill's convention)."""
    if not params:
        return
    idx = next(
        (i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "parameters" in c.get("metadata", {}).get("tags", [])),
        None,
    )
    if idx is None:
        sys.exit("error: --params given, but the notebook has no cell tagged 'parameters'")
    # Drop a previous injection (re-running an executed notebook).
    nb.cells = [c for c in nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    source = (
        "// Parameters injected for this run (papermill's convention: they override the cell above).\n"
        f"params = {{ ...params, ...{json.dumps(params, indent=2)} }};\n"
        "void 0; // (so the cell prints nothing)"
    )
    cell = nbformat.v4.new_code_cell(source=source, metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(idx + 1, cell)


class EchoingClient(NotebookClient):
    """Prints each cell's start and its stream output while the notebook runs."""

    def __init__(self, *args, label="", **kwargs):
        super().__init__(*args, **kwargs)
        self._label = label
        self._t0 = time.time()

    def output(self, outs, msg, display_id, cell_index):
        if msg["msg_type"] == "stream":
            text = msg["content"].get("text", "")
            sys.stdout.write("".join(f"    {line}\n" for line in text.rstrip("\n").split("\n")) if text else "")
            sys.stdout.flush()
        return super().output(outs, msg, display_id, cell_index)


def write_atomic(path, text):
    d = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", dir=d)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notebook")
    ap.add_argument("out_dir")
    ap.add_argument("--params", default="")
    ap.add_argument("--timeout", type=int, default=3600, help="seconds per cell")
    ap.add_argument("--kernel", default="tslab")
    args = ap.parse_args()

    src = os.path.abspath(args.notebook)
    name = os.path.splitext(os.path.basename(src))[0]
    nb = nbformat.read(src, as_version=4)
    params = json.loads(args.params) if args.params else {}
    inject_parameters(nb, params)

    n_code = sum(1 for c in nb.cells if c.cell_type == "code")
    client = EchoingClient(
        nb,
        timeout=args.timeout,
        kernel_name=args.kernel,
        resources={"metadata": {"path": os.path.dirname(src)}},
        label=name,
    )
    counter = {"i": 0}

    def on_cell_start(cell, cell_index, **_):
        if cell.cell_type == "code":
            counter["i"] += 1
            first = next((ln for ln in cell.source.split("\n") if ln.strip()), "")
            print(f"  [{name}] cell {counter['i']}/{n_code}: {first[:80]}", flush=True)

    client.on_cell_start = on_cell_start
    error = None
    t0 = time.time()
    try:
        client.execute()
    except CellExecutionError as e:
        error = str(e)
    except (CellTimeoutError, DeadKernelError) as e:
        error = f"{type(e).__name__}: {e}"

    os.makedirs(args.out_dir, exist_ok=True)
    out_nb = os.path.join(args.out_dir, name + ".ipynb")
    out_html = os.path.join(args.out_dir, name + ".html")
    write_atomic(out_nb, nbformat.writes(nb))
    html, _ = HTMLExporter().from_notebook_node(nb)
    write_atomic(out_html, html)
    dt = time.time() - t0
    if error:
        print(f"\n[{name}] FAILED after {dt:.1f} s; partial outputs in {out_nb}\n{error}", file=sys.stderr)
        sys.exit(1)
    print(f"  [{name}] executed in {dt:.1f} s -> {out_nb}, {out_html}", flush=True)


if __name__ == "__main__":
    main()
