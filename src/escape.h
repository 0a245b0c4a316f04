/* escape.h - make untrusted bytes (argv, paths, comm from a tracee) safe
 * for JSON logs and for terminals. */
#ifndef FW_ESCAPE_H
#define FW_ESCAPE_H

#include <stddef.h>

#include "util.h"

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid. */
size_t	esc_utf8_len(const unsigned char *s, size_t n);

/* Append s[0..n) as a quoted JSON string. Control characters become \uXXXX;
 * bytes that are not valid UTF-8 become \u00XX (the byte value), so the
 * result is always valid JSON. */
void	esc_json(struct fw_buf *, const char *s, size_t n);
void	esc_json_str(struct fw_buf *, const char *s);

/* Append s[0..n) quoted for a person's terminal, like strace: "..." with
 * \n \t \r \" \\ escapes, other control bytes, DEL, invalid UTF-8 and C1
 * controls as \xNN, bidi overrides as \u{XXXX}. Valid printable UTF-8 stays. */
void	esc_text(struct fw_buf *, const char *s, size_t n);
void	esc_text_str(struct fw_buf *, const char *s);

/* The same escaping without the surrounding quotes (for display fields). */
void	esc_text_bare(struct fw_buf *, const char *s, size_t n);

#endif
