"""WeasyPrint's C declarations are parsed once per installation, then read back in cffi's compiled form."""

import json
import os
import subprocess
import sys

import pytest

from reporter import bindings, pdf

DECLARATIONS = """
typedef struct { int width; int height; } Box;
int abs (int);
int reporter_no_such_symbol (int);
"""
LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="opens the C library by its Linux name")


def _never(*args, **kwargs):
    raise AssertionError("the declarations were parsed again")


def test_the_first_use_writes_the_compiled_form_and_a_later_one_reads_it(tmp_path, monkeypatch):
    bindings.compiled(DECLARATIONS, tmp_path)
    assert [path.name for path in tmp_path.iterdir()] == [bindings.cache_file(DECLARATIONS, tmp_path).name]

    monkeypatch.setattr(bindings, "compile_arguments", _never)
    ffi = bindings.compiled(DECLARATIONS, tmp_path)
    box = ffi.new("Box *", {"width": 3, "height": 4})
    assert (box.width, box.height, ffi.sizeof("Box")) == (3, 4, 8)
    assert len(ffi.new("unsigned int[]", 5)) == 5  # a type named only here is parsed by cffi's C core


def test_other_declarations_or_another_cffi_are_kept_apart(tmp_path, monkeypatch):
    assert bindings.cache_file(DECLARATIONS, tmp_path) != bindings.cache_file(DECLARATIONS + "int labs (int);",
                                                                             tmp_path)
    before = bindings.cache_file(DECLARATIONS, tmp_path)
    monkeypatch.setattr(bindings.cffi, "__version__", "0.0.1")
    assert bindings.cache_file(DECLARATIONS, tmp_path) != before


@pytest.mark.parametrize("damage", ["", "not python at all (", "('short',)", "__import__('os').system('touch {marker}')",
                                    "((), {'_version': 'nonsense'})"])
def test_a_damaged_file_is_made_again_and_never_run(tmp_path, damage):
    marker = tmp_path / "ran"
    path = bindings.cache_file(DECLARATIONS, tmp_path)
    path.write_text(damage.replace("{marker}", str(marker)), encoding="ascii")
    ffi = bindings.compiled(DECLARATIONS, tmp_path)
    assert ffi.new("Box *").width == 0
    assert not marker.exists()
    assert bindings._read(path) == bindings.compile_arguments(DECLARATIONS)


def test_a_folder_that_cannot_be_written_leaves_the_parse_to_cffi(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="ascii")
    assert bindings.compiled(DECLARATIONS, not_a_folder / "cache") is None
    ffi = bindings.Declarations(not_a_folder / "cache", {})
    ffi.cdef(DECLARATIONS)
    assert ffi.new("Box *").height == 0
    assert not ffi.is_compiled


@LINUX
def test_a_library_opens_by_its_bare_name_as_with_cffi_itself(tmp_path):
    ffi = bindings.Declarations(tmp_path, {})
    ffi.cdef("typedef struct { int width; } Box;")
    ffi.cdef(DECLARATIONS.split("\n", 2)[2])  # declarations gathered over several cdef calls
    libc = ffi.dlopen("c")  # found with find_library, as cffi's in-line FFI finds it
    assert ffi.is_compiled and libc.abs(-7) == 7
    assert not pdf._has_symbol(libc, "reporter_no_such_symbol")  # declared, not in the library
    assert not pdf._has_symbol(libc, "labs")  # not declared
    with pytest.raises(OSError, match="find_library"):
        ffi.dlopen("reporter-no-such-library-1.0")


@LINUX
def test_a_declaration_the_text_lacks_is_compiled_in_and_one_it_has_is_not_doubled(tmp_path):
    ffi = bindings.Declarations(tmp_path, {"labs": "long labs (long);", "abs": "int abs (int);"})
    ffi.cdef(DECLARATIONS)
    assert ffi.dlopen("c").labs(-8) == 8
    with pytest.raises(RuntimeError, match="after the compiled ones were used"):
        ffi.cdef("int atoi (const char *);")


@LINUX
@pytest.mark.parametrize("how", ["no cache folder", "cdef options"])
def test_a_declaration_the_text_lacks_is_added_when_cffi_parses_them_itself(tmp_path, how):
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="ascii")
    ffi = bindings.Declarations(blocked / "cache" if how == "no cache folder" else tmp_path,
                                {"labs": "long labs (long);"})
    ffi.cdef(DECLARATIONS, **({"override": True} if how == "cdef options" else {}))
    assert ffi.dlopen("c").labs(-8) == 8 and not ffi.is_compiled
    ffi.cdef("int atoi (const char *);")  # cffi's own FFI takes more declarations after use
    assert ffi.dlopen("c").atoi(b"12") == 12


def test_cdef_options_the_compiled_form_cannot_keep_go_to_cffi_itself(tmp_path):
    ffi = bindings.Declarations(tmp_path, {})
    ffi.cdef("typedef struct { char a; int b; } Packed;", packed=True)
    assert ffi.sizeof("Packed") == 5 and not ffi.is_compiled
    assert list(tmp_path.iterdir()) == []


def test_the_cache_folder_follows_xdg_and_a_machine_without_a_home_has_none(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert bindings.cache_folder() == tmp_path / "reporter"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, as the XDG spec says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert bindings.cache_folder() == tmp_path / "home" / ".cache" / "reporter"

    def no_home():
        raise KeyError("getpwuid(): uid not found")

    monkeypatch.setattr(bindings.Path, "home", staticmethod(no_home))
    assert bindings.cache_folder() is None


def test_weasyprint_s_bindings_are_made_through_this_module():
    assert isinstance(pdf.ffi, bindings.Declarations)
    assert "weasyprint.text.ffi.ffi made with cffi.FFI()" not in " ".join(pdf.missing_internals())


PROBE = """
import hashlib, json, sys
from reporter import config, pdf
rendered = pdf.Renderer().render("<html lang='en'><title>t</title><p>Hello, wrapped text ﬁ 1/2</p>",
                                 [config.STYLES_DIR / "base.css"], "probe")
print(json.dumps({"compiled": pdf.ffi.is_compiled, "parser": "pycparser" in sys.modules,
                  "pdf": hashlib.sha256(rendered.pdf_bytes()).hexdigest()}))
"""


def _probe(cache_home) -> dict:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "SOURCE_DATE_EPOCH": "1796083200"}
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_a_second_process_reads_the_declarations_and_prints_the_same_pdf(tmp_path):
    first, second = _probe(tmp_path), _probe(tmp_path)
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="ascii")
    parsed = _probe(blocked)  # no cache folder: cffi parses the declarations as it always did
    assert first["compiled"] and second["compiled"] and not parsed["compiled"]
    assert not second["parser"] and parsed["parser"]
    assert len(list((tmp_path / "reporter").iterdir())) == 1
    assert first["pdf"] == second["pdf"] == parsed["pdf"]
