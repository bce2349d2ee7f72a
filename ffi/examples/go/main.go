// Lint an email with presend through its C ABI, from Go (cgo, written from presend.h only).
//
// Usage: go run . [MESSAGE.eml]
//
// Build against the library with CGO_CFLAGS="-I<presend>/ffi/include" and
// CGO_LDFLAGS="-L<dir of libpresend.so> -Wl,-rpath,<same dir>". Without a message file it
// lints a built-in message that lacks its Message-ID. Exits 1 when presend predicts a
// rejection, 0 otherwise, 2 on an API error.
package main

/*
#cgo LDFLAGS: -lpresend
#include <stdlib.h>
#include <string.h>
#include "presend.h"
*/
import "C"

import (
	"encoding/json"
	"fmt"
	"os"
	"unsafe"
)

const builtin = "Date: Sun, 06 Dec 2026 09:00:00 +0000\r\n" +
	"From: Example Shop <orders@shop.example.com>\r\n" +
	"To: Alice Example <alice@example.net>\r\n" +
	"Subject: Your order has shipped\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: text/plain; charset=utf-8\r\n\r\n" +
	"Hi Alice, your order is on its way.\r\n"

// Finding is one diagnostic, copied out of the report (whose strings it borrows).
type Finding struct {
	Code, Name, Severity, Message, SMTP string
	Line, Column                        uint32
}

// apiError turns a status into an error with presend's own description.
func apiError(what string, status C.enum_PresendStatus) error {
	return fmt.Errorf("%s: %s", what, C.GoString(C.presend_status_message(status)))
}

// lint checks message with presend's default configuration: the findings, the verdict of
// the JSON report, and whether a receiver would likely reject it.
func lint(message []byte) ([]Finding, string, bool, error) {
	var linter *C.PresendLinter
	if status := C.presend_linter_new(nil, 0, &linter); status != C.PRESEND_OK {
		return nil, "", false, apiError("linter", status)
	}
	defer C.presend_linter_free(linter)

	// The message is copied to C memory: cgo may not pass Go memory that C keeps.
	buffer := C.CBytes(message)
	defer C.free(buffer)
	var report *C.PresendReport
	status := C.presend_check(linter, (*C.uint8_t)(buffer), C.size_t(len(message)), &report)
	if status != C.PRESEND_OK {
		return nil, "", false, apiError("check", status)
	}
	defer C.presend_report_free(report)

	var findings []Finding
	for i := C.size_t(0); i < C.presend_report_len(report); i++ {
		var view C.PresendDiagnosticView
		if status := C.presend_report_get(report, i, &view); status != C.PRESEND_OK {
			return nil, "", false, apiError("finding", status)
		}
		findings = append(findings, Finding{
			Code:     C.GoString(view.code),
			Name:     C.GoString(view.name),
			Severity: C.GoString(view.severity),
			Message:  C.GoString(view.message),
			SMTP:     C.GoString(view.smtp),
			Line:     uint32(view.line),
			Column:   uint32(view.column),
		})
	}

	var text *C.char
	if status := C.presend_report_render(report, C.PRESEND_FORMAT_JSON, &text); status != C.PRESEND_OK {
		return nil, "", false, apiError("render", status)
	}
	rendered := C.GoString(text)
	C.presend_string_free(text)
	var document struct {
		Files []struct {
			Verdict string `json:"verdict"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(rendered), &document); err != nil || len(document.Files) == 0 {
		return nil, "", false, fmt.Errorf("the JSON report does not parse: %v", err)
	}
	return findings, document.Files[0].Verdict, C.presend_report_has_errors(report) == 1, nil
}

func main() {
	message := []byte(builtin)
	if len(os.Args) > 1 {
		data, err := os.ReadFile(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		message = data
	}
	fmt.Println("presend", C.GoString(C.presend_version()))

	// A NULL output and a bad configuration are errors, not crashes.
	if status := C.presend_linter_new(nil, 0, nil); status != C.PRESEND_NULL_PARAMETER {
		fmt.Fprintln(os.Stderr, "NULL output was accepted")
		os.Exit(2)
	}
	config := C.CString("[lint]\nno-such-key = 1\n")
	var bad *C.PresendLinter
	status := C.presend_linter_new(config, C.size_t(C.strlen(config)), &bad)
	C.free(unsafe.Pointer(config))
	if status != C.PRESEND_INVALID_CONFIG || bad != nil {
		fmt.Fprintln(os.Stderr, "a bad configuration was accepted")
		os.Exit(2)
	}
	fmt.Println("bad config:", C.GoString(C.presend_status_message(status)))

	findings, verdict, rejected, err := lint(message)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for _, f := range findings {
		fmt.Printf("%d:%d %s %s [%s] %s\n", f.Line, f.Column, f.Code, f.Name, f.Severity, f.Message)
	}
	fmt.Println("verdict:", verdict)
	if rejected {
		os.Exit(1)
	}
}
