"""Old and other word-processor formats (.doc, .wps, .odt) → .docx through LibreOffice, when it is
installed: in a private temporary folder (the bytes, LibreOffice's own profile, the result), removed
after; with a time limit. The user's file is never touched: LibreOffice reads a copy.

Without LibreOffice the file gets P001 saying how to convert it. Tests and CI install Debian's
`libreoffice-writer-nogui`; conversion takes ~2 s a file and ~200 MB.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile

from .document import DocumentError

TIMEOUT = 60  # seconds for one conversion; a report converts in about 2
_NAMES = {"doc": "Word 97–2003 (.doc)", "wps": "WPS (.wps)", "odt": "OpenDocument (.odt)"}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    process.wait()


def to_docx(data: bytes, suffix: str) -> bytes:
    program = soffice()
    name = _NAMES.get(suffix, suffix)
    if program is None:
        raise DocumentError(
            f"a {name} file is read through LibreOffice, which is not installed. Install it (Debian: "
            "apt install libreoffice-writer-nogui), or save the file as .docx in Word or WPS",
            f"{name} 文件需借助 LibreOffice 读取，但未安装。请安装 LibreOffice（Debian：apt install "
            "libreoffice-writer-nogui），或在 Word、WPS 中另存为 .docx 后再检查")
    with tempfile.TemporaryDirectory(prefix="xxgk-lint-") as folder:
        source = os.path.join(folder, f"report.{suffix}")
        with open(source, "wb") as out:
            out.write(data)
        profile = "file://" + os.path.join(folder, "profile")
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "docx", "--outdir", os.path.join(folder, "out"), source]
        try:
            # its own process group: on a timeout the whole of LibreOffice (oosplash, soffice.bin) is killed
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError as exc:
            raise DocumentError(f"LibreOffice could not be started ({exc})", f"无法启动 LibreOffice（{exc}）") from None
        try:
            process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise DocumentError(f"LibreOffice did not convert the {name} file within {TIMEOUT} s",
                                f"LibreOffice 未能在 {TIMEOUT} 秒内转换该 {name} 文件") from None
        except BaseException:  # interrupted (Ctrl-C): leave no LibreOffice behind
            _kill(process)
            raise
        result = os.path.join(folder, "out", "report.docx")
        if not os.path.isfile(result):
            raise DocumentError(f"LibreOffice could not convert the file: it is damaged or not a {name} file",
                                f"LibreOffice 无法转换该文件：文件已损坏或不是 {name} 文件")
        with open(result, "rb") as converted:
            return converted.read()
