"""Write a notebook (tslab kernel) from a plain-text cell list. Used to author notebooks in diffs:

    python scripts/notebook_from_cells.py SOURCE.txt OUT.ipynb

SOURCE.txt separates cells with lines `%% md`, `%% code` or `%% code parameters` (the last one tags
the cell `parameters`). Outputs are empty; execute with `npm run notebooks`.
"""
import sys
import nbformat

src, out = sys.argv[1], sys.argv[2]
cells, kind, tags, buf = [], None, [], []


def flush():
    if kind is None:
        return
    text = "\n".join(buf).strip("\n")
    if kind == "md":
        cells.append(nbformat.v4.new_markdown_cell(text))
    else:
        cells.append(nbformat.v4.new_code_cell(text, metadata={"tags": tags} if tags else {}))


for line in open(src, encoding="utf-8").read().split("\n"):
    if line.startswith("%% "):
        flush()
        parts = line[3:].split()
        kind, tags, buf = parts[0], parts[1:], []
    else:
        buf.append(line)
flush()
nb = nbformat.v4.new_notebook(cells=cells)
nb.metadata = {
    "kernelspec": {"display_name": "TypeScript", "language": "typescript", "name": "tslab"},
    "language_info": {"name": "typescript", "file_extension": ".ts", "mimetype": "text/typescript", "version": "5.0.4"},
}
nbformat.write(nb, out)
