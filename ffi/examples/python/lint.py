#!/usr/bin/env python3
"""Lint an email with presend through its C ABI (ctypes, written from presend.h only).

Usage: lint.py LIBPRESEND [MESSAGE.eml]
Without a message file, lints a built-in message that lacks its Message-ID. Exits 1 when
presend predicts a rejection, 0 otherwise, 2 on an API error."""
import ctypes
import json
import sys

OK, NULL_PARAMETER, INVALID_UTF8, INVALID_CONFIG, PANIC = 0, 1, 2, 3, 255
FORMAT_JSON = 0


class DiagnosticView(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_char_p),
        ("name", ctypes.c_char_p),
        ("severity", ctypes.c_char_p),
        ("message", ctypes.c_char_p),
        ("smtp", ctypes.c_char_p),
        ("line", ctypes.c_uint32),
        ("column", ctypes.c_uint32),
    ]


def load(path):
    lib = ctypes.CDLL(path)
    vp = ctypes.c_void_p
    lib.presend_linter_new.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(vp)]
    lib.presend_linter_new.restype = ctypes.c_int
    lib.presend_check.argtypes = [vp, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(vp)]
    lib.presend_check.restype = ctypes.c_int
    lib.presend_report_len.argtypes = [vp]
    lib.presend_report_len.restype = ctypes.c_size_t
    lib.presend_report_get.argtypes = [vp, ctypes.c_size_t, ctypes.POINTER(DiagnosticView)]
    lib.presend_report_get.restype = ctypes.c_int
    lib.presend_report_has_errors.argtypes = [vp]
    lib.presend_report_has_errors.restype = ctypes.c_int
    lib.presend_report_render.argtypes = [vp, ctypes.c_int, ctypes.POINTER(vp)]
    lib.presend_report_render.restype = ctypes.c_int
    for name in ("presend_string_free", "presend_report_free", "presend_linter_free"):
        getattr(lib, name).argtypes = [vp]
        getattr(lib, name).restype = None
    lib.presend_status_message.argtypes = [ctypes.c_int]
    lib.presend_status_message.restype = ctypes.c_char_p
    lib.presend_version.restype = ctypes.c_char_p
    return lib


MESSAGE = (
    b"Date: Sun, 06 Dec 2026 09:00:00 +0000\r\n"
    b"From: Example Shop <orders@shop.example.com>\r\n"
    b"To: Alice Example <alice@example.net>\r\n"
    b"Subject: Your order has shipped\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
    b"Hi Alice, your order is on its way.\r\n"
)


def main():
    lib = load(sys.argv[1])
    message = open(sys.argv[2], "rb").read() if len(sys.argv) > 2 else MESSAGE
    print("presend", lib.presend_version().decode())

    # NULLs and a bad configuration are errors, not crashes.
    assert lib.presend_linter_new(None, 0, None) == NULL_PARAMETER
    bad = ctypes.c_void_p()
    config = b"[lint]\nno-such-key = 1\n"
    status = lib.presend_linter_new(config, len(config), ctypes.byref(bad))
    assert status == INVALID_CONFIG and not bad.value, status
    print("bad config:", lib.presend_status_message(status).decode())
    assert lib.presend_check(None, message, len(message), ctypes.byref(ctypes.c_void_p())) == NULL_PARAMETER
    assert lib.presend_report_len(None) == 0

    linter = ctypes.c_void_p()
    if lib.presend_linter_new(None, 0, ctypes.byref(linter)) != OK:
        return 2
    report = ctypes.c_void_p()
    if lib.presend_check(linter, message, len(message), ctypes.byref(report)) != OK:
        return 2
    view = DiagnosticView()
    for i in range(lib.presend_report_len(report)):
        assert lib.presend_report_get(report, i, ctypes.byref(view)) == OK
        print(f"{view.line}:{view.column} {view.code.decode()} {view.name.decode()} "
              f"[{view.severity.decode()}] {view.message.decode()}")
    text = ctypes.c_void_p()
    assert lib.presend_report_render(report, FORMAT_JSON, ctypes.byref(text)) == OK
    document = json.loads(ctypes.string_at(text.value).decode())
    lib.presend_string_free(text)
    print("verdict:", document["files"][0]["verdict"])
    rejected = lib.presend_report_has_errors(report) == 1
    lib.presend_report_free(report)
    lib.presend_linter_free(linter)
    return 1 if rejected else 0


if __name__ == "__main__":
    sys.exit(main())
