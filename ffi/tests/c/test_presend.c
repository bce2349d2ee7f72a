/* Exercises every function of presend.h: defaults and configured linters, NULL arguments,
 * bad configuration, invalid bytes, rendering, and 8 threads sharing one linter. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "presend.h"

static int failures = 0;
#define CHECK(cond)                                                         \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                     \
        }                                                                   \
    } while (0)

static const char NO_MESSAGE_ID[] =
    "Date: Sun, 06 Dec 2026 09:00:00 +0000\r\n"
    "From: Example Shop <orders@shop.example.com>\r\n"
    "To: Alice Example <alice@example.net>\r\n"
    "Subject: Your order has shipped\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "Hi Alice, your order is on its way.\r\n";

static int has_code(const PresendReport *report, const char *code) {
    size_t n = presend_report_len(report);
    for (size_t i = 0; i < n; i++) {
        PresendDiagnosticView view;
        if (presend_report_get(report, i, &view) == PRESEND_OK && strcmp(view.code, code) == 0) {
            return 1;
        }
    }
    return 0;
}

static void *check_in_thread(void *linter) {
    for (int i = 0; i < 50; i++) {
        PresendReport *report = NULL;
        if (presend_check(linter, (const uint8_t *)NO_MESSAGE_ID, strlen(NO_MESSAGE_ID), &report) != PRESEND_OK ||
            !has_code(report, "PS104")) {
            presend_report_free(report);
            return (void *)1;
        }
        presend_report_free(report);
    }
    return NULL;
}

int main(void) {
    CHECK(strlen(presend_version()) > 0);
    CHECK(strcmp(presend_status_message(PRESEND_OK), "ok") == 0);
    CHECK(strlen(presend_status_message(PRESEND_PANIC)) > 0);

    /* Defaults. */
    PresendLinter *linter = NULL;
    CHECK(presend_linter_new(NULL, 0, &linter) == PRESEND_OK && linter != NULL);

    PresendReport *report = NULL;
    CHECK(presend_check(linter, (const uint8_t *)NO_MESSAGE_ID, strlen(NO_MESSAGE_ID), &report) == PRESEND_OK);
    CHECK(presend_report_len(report) >= 1);
    CHECK(presend_report_has_errors(report) == 1);
    CHECK(has_code(report, "PS104"));
    PresendDiagnosticView view;
    CHECK(presend_report_get(report, 0, &view) == PRESEND_OK);
    CHECK(view.line >= 1 && view.column >= 1);
    CHECK(strlen(view.name) > 0 && strlen(view.message) > 0 && view.severity != NULL && view.smtp != NULL);
    CHECK(presend_report_get(report, 100000, &view) != PRESEND_OK);

    const PresendFormat formats[] = {PRESEND_FORMAT_JSON, PRESEND_FORMAT_SARIF, PRESEND_FORMAT_FULL,
                                     PRESEND_FORMAT_CONCISE};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        char *text = NULL;
        CHECK(presend_report_render(report, formats[i], &text) == PRESEND_OK && text != NULL);
        CHECK(strstr(text, "PS104") != NULL);
        if (formats[i] == PRESEND_FORMAT_JSON) {
            CHECK(strstr(text, "\"path\": \"-\"") != NULL);
        }
        presend_string_free(text);
    }
    presend_report_free(report);

    /* Configuration: the rule is switched off. */
    const char config[] = "[lint]\nignore = [\"missing-message-id\"]\n";
    PresendLinter *configured = NULL;
    CHECK(presend_linter_new(config, strlen(config), &configured) == PRESEND_OK);
    CHECK(presend_check(configured, (const uint8_t *)NO_MESSAGE_ID, strlen(NO_MESSAGE_ID), &report) == PRESEND_OK);
    CHECK(!has_code(report, "PS104"));
    presend_report_free(report);
    presend_linter_free(configured);

    /* Bad configuration and bad UTF-8. */
    PresendLinter *bad = (PresendLinter *)1;
    const char bad_config[] = "[lint]\nno-such-key = 1\n";
    CHECK(presend_linter_new(bad_config, strlen(bad_config), &bad) == PRESEND_INVALID_CONFIG && bad == NULL);
    const char bad_rule[] = "[lint]\nselect = [\"PS999\"]\n";
    CHECK(presend_linter_new(bad_rule, strlen(bad_rule), &bad) == PRESEND_INVALID_CONFIG);
    const char not_utf8[] = "[lint]\nignore = [\"\xff\"]\n";
    CHECK(presend_linter_new(not_utf8, strlen(not_utf8), &bad) == PRESEND_INVALID_UTF8);

    /* NULL arguments never crash. */
    CHECK(presend_linter_new(NULL, 0, NULL) == PRESEND_NULL_PARAMETER);
    CHECK(presend_linter_new(NULL, 5, &bad) == PRESEND_NULL_PARAMETER);
    CHECK(presend_check(NULL, (const uint8_t *)"x", 1, &report) == PRESEND_NULL_PARAMETER);
    CHECK(presend_check(linter, NULL, 10, &report) == PRESEND_NULL_PARAMETER);
    CHECK(presend_check(linter, (const uint8_t *)"x", 1, NULL) == PRESEND_NULL_PARAMETER);
    CHECK(presend_report_len(NULL) == 0);
    CHECK(presend_report_has_errors(NULL) == 0);
    CHECK(presend_report_get(NULL, 0, &view) == PRESEND_NULL_PARAMETER);
    char *text = NULL;
    CHECK(presend_report_render(NULL, PRESEND_FORMAT_JSON, &text) == PRESEND_NULL_PARAMETER && text == NULL);
    presend_report_free(NULL);
    presend_linter_free(NULL);
    presend_string_free(NULL);

    /* Bytes that are not a message are a finding, not an error. */
    const uint8_t garbage[] = {0xff, 0xfe, 0x00, 0x01, 0x80, '\n', '\r'};
    CHECK(presend_check(linter, garbage, sizeof garbage, &report) == PRESEND_OK);
    CHECK(presend_report_has_errors(report) == 1);
    presend_report_free(report);
    CHECK(presend_check(linter, NULL, 0, &report) == PRESEND_OK);
    presend_report_free(report);

    /* One linter, 8 threads. */
    pthread_t threads[8];
    for (int i = 0; i < 8; i++) {
        CHECK(pthread_create(&threads[i], NULL, check_in_thread, linter) == 0);
    }
    for (int i = 0; i < 8; i++) {
        void *result = NULL;
        pthread_join(threads[i], &result);
        CHECK(result == NULL);
    }
    presend_linter_free(linter);

    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("presend C API: all checks passed\n");
    return 0;
}
