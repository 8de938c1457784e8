"""WeasyPrint's C declarations, parsed once per installation and then read back in cffi's compiled form.

weasyprint.text.ffi declares the Pango, HarfBuzz and fontconfig functions it calls in one 430-line
``cffi.FFI().cdef(...)`` at import. cffi parses that text with pycparser in every process (0.13 s), and
then parses each type a second time when a document first uses it (``ffi.new("hb_codepoint_t[]", n)``:
17 types and another 0.1 s of the first render). cffi's out-of-line form of the same declarations is a
table its C core loads in milliseconds, and whose types it parses in C.

While WeasyPrint is imported (``compiled_while_importing``), ``cffi.FFI`` is ``Declarations``. The first
process to see a set of declarations parses them as before, and writes their compiled form into the cache
folder under a hash of the text and of the cffi version; every later process reads that file instead.
The file holds data only (read back with ``ast.literal_eval``, never executed). When the folder cannot be
written or the file cannot be read, the declarations are parsed as before: slower, the same PDF.

This is the one module that imports cffi.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import io
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Iterator, Mapping

import _cffi_backend
import cffi

# Bump when the file's layout changes: a file of another format is never read.
FORMAT = 1
MODULE_NAME = "_reporter_weasyprint_bindings"  # the name cffi writes into the compiled form

Arguments = tuple[tuple[Any, ...], dict[str, Any]]
_INLINE_FFI = cffi.FFI  # cffi's own FFI, which parses declarations in this process

# What asking a library for a symbol raises when it is not there: not declared (AttributeError), declared
# but not in the loaded library (in-line: AttributeError; compiled: cffi's error), or not supported here.
MISSING_SYMBOL = (AttributeError, NotImplementedError, _cffi_backend.FFI.error)


def cache_file(source: str, folder: Path) -> Path:
    """Where the compiled form of ``source`` is kept for this cffi version."""
    key = hashlib.sha256(f"{FORMAT}\0{cffi.__version__}\0{source}".encode("utf-8")).hexdigest()[:32]
    return folder / f"cffi-{key}.txt"


def compile_arguments(source: str) -> Arguments:
    """What ``_cffi_backend.FFI(...)`` is called with in cffi's out-of-line module for ``source``.

    cffi writes that module as Python source (one call of literal arguments); its literals are read here
    as data. Raises cffi's errors for declarations it cannot parse, as ``FFI().cdef`` would.
    """
    builder = _INLINE_FFI()
    builder.cdef(source)
    module = io.StringIO()
    # INTERNAL (cffi): make_py_source writes what FFI.emit_python_code writes, into a file object.
    from cffi.recompiler import make_py_source

    make_py_source(builder, MODULE_NAME, module)
    return _arguments_in(module.getvalue())


def _arguments_in(module_source: str) -> Arguments:
    call = next(node for node in ast.walk(ast.parse(module_source)) if isinstance(node, ast.Call))
    return (tuple(ast.literal_eval(argument) for argument in call.args),
            {keyword.arg: ast.literal_eval(keyword.value) for keyword in call.keywords if keyword.arg})


def _read(path: Path) -> Arguments | None:
    try:
        data = ast.literal_eval(path.read_text(encoding="ascii"))
    except (OSError, ValueError, SyntaxError, UnicodeDecodeError, MemoryError, RecursionError):
        return None
    if not (isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], tuple) and isinstance(data[1], dict)
            and all(isinstance(name, str) for name in data[1])):
        return None
    return data


def _scratch(path: Path) -> tuple[int, str] | None:
    """A new file beside ``path`` to write it whole into (None: its folder cannot be written)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
    except OSError:
        return None


def _write(scratch: tuple[int, str], path: Path, arguments: Arguments) -> None:
    """Write the file whole or not at all: a process reading it meanwhile sees the old file or none."""
    handle, name = scratch
    try:
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(repr(arguments))
        os.replace(name, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(name)


def compiled(source: str, folder: Path):
    """A compiled FFI of ``source``: read from ``folder`` when it holds one, else made and written there.

    None when there is none and ``folder`` cannot be written: compiling costs more than cffi's in-line
    parse, and pays only when it is kept. Raises what ``cffi.FFI().cdef(source)`` raises for declarations
    cffi cannot parse.
    """
    path = cache_file(source, folder)
    arguments = _read(path)
    if arguments is not None:
        try:
            return _cffi_backend.FFI(*arguments[0], **arguments[1])
        except Exception:  # noqa: BLE001 (a damaged file: made again below)
            pass
    scratch = _scratch(path)
    if scratch is None:
        return None
    try:
        arguments = compile_arguments(source)
        ffi = _cffi_backend.FFI(*arguments[0], **arguments[1])
    except BaseException:
        os.close(scratch[0])
        with contextlib.suppress(OSError):
            os.unlink(scratch[1])
        raise
    _write(scratch, path, arguments)
    return ffi


class Declarations:
    """``cffi.FFI`` as weasyprint.text.ffi uses it, answered by the compiled form of its declarations.

    Declarations are gathered until something else is asked of the object (``dlopen``, ``new``…); then
    they are compiled, or read from the cache, at once. cffi's own FFI is used instead when ``FFI()``
    was given arguments, or ``cdef`` options this form cannot keep.
    """

    def __init__(self, folder: Path | None, also: Mapping[str, str], *args: Any, **kwargs: Any):
        self._folder, self._also = folder, dict(also)
        self._sources: list[str] = []
        self._inline = bool(args or kwargs)
        self._ffi = _INLINE_FFI(*args, **kwargs) if self._inline else None
        self._complete = False  # ``also`` is declared: nothing more is added unless the caller adds it

    def cdef(self, source: str, **options: Any) -> None:
        if self._ffi is not None and not self._inline:
            raise RuntimeError("declarations added after the compiled ones were used; "
                               "reporter.bindings cannot compile them again")
        if self._ffi is None and options:  # override=, packed=, pack=: the in-line FFI keeps them
            self._inline = True
            self._ffi = _INLINE_FFI()
            for earlier in self._sources:
                self._ffi.cdef(earlier)
        self._sources.append(source)
        if self._ffi is not None:
            self._ffi.cdef(source, **options)

    def _lacking(self) -> list[str]:
        """The declarations of ``also`` whose function the declared text does not name."""
        source = "\n".join(self._sources)
        return [declaration for name, declaration in self._also.items()
                if not re.search(rf"\b{re.escape(name)}\s*\(", source)]

    def _made(self):
        if self._complete:
            return self._ffi
        if self._ffi is None:
            source = "\n".join([*self._sources, *self._lacking()])
            try:
                self._ffi = None if self._folder is None else compiled(source, self._folder)
            except Exception:  # noqa: BLE001 (what cffi cannot compile, its in-line FFI parses, or says why)
                self._ffi = None
            if self._ffi is None:  # nowhere to keep the compiled form, or cffi cannot compile it
                self._inline = True
                self._ffi = _INLINE_FFI()
                self._ffi.cdef(source)
        else:  # in-line from the start
            for declaration in self._lacking():
                self._ffi.cdef(declaration)
        self._complete = True
        return self._ffi

    @property
    def is_compiled(self) -> bool:
        """Whether the declarations are in cffi's compiled form (False: parsed by cffi in this process)."""
        self._made()
        return not self._inline

    @property
    def errno(self) -> int:
        return self._made().errno

    @errno.setter
    def errno(self, value: int) -> None:
        self._made().errno = value

    def dlopen(self, name, flags: int = 0):
        """Open a library as cffi's in-line FFI does: a bare name ("pango-1.0") is looked up with find_library."""
        ffi = self._made()
        if self._inline or not isinstance(name, str):
            return ffi.dlopen(name, flags)
        first_error = None
        if "." in name or "/" in name or os.sep in name:
            try:
                return ffi.dlopen(name, flags)
            except OSError as error:
                first_error = error
        import ctypes.util

        path = ctypes.util.find_library(name)
        if path is None:
            message = f"ctypes.util.find_library() did not manage to locate a library called {name!r}"
            raise OSError(f"{first_error}.  Additionally, {message}" if first_error else message)
        return ffi.dlopen(path, flags)

    def __getattr__(self, name: str):
        if name.startswith("_"):  # our own attributes, and the import machinery's and copy's questions
            raise AttributeError(name)
        value = getattr(self._made(), name)
        self.__dict__[name] = value  # a method or a constant: asked for once, then a plain attribute
        return value


def cache_folder() -> Path | None:
    """The folder reporter keeps derived files in: $XDG_CACHE_HOME/reporter, else ~/.cache/reporter."""
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    except (RuntimeError, KeyError):  # no home folder (no HOME, and a user id the password database lacks)
        return None
    return root / "reporter"


@contextlib.contextmanager
def compiled_while_importing(also: Mapping[str, str] = {}) -> Iterator[None]:  # noqa: B006 (read only)
    """While the block runs, ``cffi.FFI()`` makes a Declarations. ``also``: declarations (by function name)
    to compile in when the declared text lacks them."""
    folder = cache_folder()
    original = cffi.FFI
    cffi.FFI = lambda *args, **kwargs: Declarations(folder, also, *args, **kwargs)
    try:
        yield
    finally:
        cffi.FFI = original
