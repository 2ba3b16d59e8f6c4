"""The project's tests expect the kit's English messages, whatever the machine's locale or KIT_LANG;
the tests of the Japanese ones ask for them explicitly (tests/translation)."""
import os

os.environ["KIT_LANG"] = "en"
