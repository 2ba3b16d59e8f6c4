"""Step 6: the small files of a git repository that students need."""

GITIGNORE = """\
__pycache__/
*.pyc
*.egg-info/
.pytest_cache/
.ipynb_checkpoints/
# the virtual environment the README has you create
.venv/
venv/
# plots written by the missions and the experiments
*.png
"""


def write_gitignore(release):
    release.write_text(".gitignore", GITIGNORE)
