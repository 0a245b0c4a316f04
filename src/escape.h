/* escape.h - make untrusted bytes (argv, paths, comm from a tracee) safe
 * for JSON logs and for terminals. */
#ifndef FW_ESCAPE_H
#define FW_ESCAPE_H

#include <stddef.h>

#include "util.h"

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid. */
size_t	esc_utf8_len(const unsigned char *s, size_t n);

/* Length of the character at s if a terminal may get it raw: printable
 * ASCII, or valid multibyte UTF-8 that is not a C1 or bidi control (the
 * ones esc_text_bare() escapes); 0 otherwise. */
size_t	esc_utf8_safe_len(const unsigned char *s, size_t n);

/* The escape for byte XX (0x80..0xff) that is not part of valid UTF-8: the
 * lone low surrogate U+DCXX, as Python's "surrogateescape" decodes it. No
 * UTF-8 text holds a surrogate, so a reader tells it from any character. */
#define ESC_JSON_RAW_BYTE(byte)	(0xdc00u | (unsigned int)(byte))

/* Append s[0..n) as a quoted JSON string (doc/LOG-FORMAT.md, "Strings").
 * Control characters, DEL, C1 controls (U+0080..U+009F), bidi controls and
 * U+2028/U+2029 become \uXXXX; each byte that is not part of valid UTF-8
 * becomes \udcXX (ESC_JSON_RAW_BYTE); other UTF-8 is copied. The result is
 * always valid JSON that holds no raw character a terminal acts on. */
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
