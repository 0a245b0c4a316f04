/* escape.c - escaping of untrusted strings for JSON and for terminals. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "escape.h"

static const char hexdig[] = "0123456789abcdef";

size_t
esc_utf8_len(const unsigned char *s, size_t n)
{
	unsigned int	 cp;
	size_t		 len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/* Decode a valid sequence of length len (as returned by esc_utf8_len). */
static unsigned int
utf8_decode(const unsigned char *s, size_t len)
{
	unsigned int	 cp;
	size_t		 i;

	if (len == 1)
		return s[0];
	cp = s[0] & (len == 2 ? 0x1f : len == 3 ? 0x0f : 0x07);
	for (i = 1; i < len; i++)
		cp = (cp << 6) | (s[i] & 0x3f);
	return cp;
}

static void
add_u4(struct fw_buf *b, unsigned int v)
{
	char	 tmp[6] = { '\\', 'u',
	    hexdig[(v >> 12) & 15], hexdig[(v >> 8) & 15],
	    hexdig[(v >> 4) & 15], hexdig[v & 15] };

	fw_buf_add(b, tmp, sizeof tmp);
}

/* True for code points that must not reach a terminal raw although they
 * are valid UTF-8: C1 controls and bidirectional overrides, isolates and
 * marks. */
static bool
dangerous_cp(unsigned int cp)
{
	return (cp >= 0x80 && cp <= 0x9f) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

size_t
esc_utf8_safe_len(const unsigned char *s, size_t n)
{
	size_t	 len;

	if (n == 0)
		return 0;
	if (s[0] < 0x80)
		return s[0] >= 0x20 && s[0] < 0x7f ? 1 : 0;
	if ((len = esc_utf8_len(s, n)) < 2 || dangerous_cp(utf8_decode(s, len)))
		return 0;
	return len;
}

/* True for code points the JSON writer escapes although they are valid
 * UTF-8: those above, and the line and paragraph separators that some
 * line-oriented readers take for line ends. */
static bool
json_escaped_cp(unsigned int cp)
{
	return dangerous_cp(cp) || cp == 0x2028 || cp == 0x2029;
}

void
esc_json(struct fw_buf *b, const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, run, len;
	unsigned int		 cp;

	fw_buf_grow(b, n + 2);
	fw_buf_addc(b, '"');
	for (i = 0; i < n; ) {
		/* Copy plain printable ASCII in one go. */
		for (run = i; run < n && u[run] >= 0x20 && u[run] < 0x7f &&
		    u[run] != '"' && u[run] != '\\'; run++)
			;
		if (run > i) {
			fw_buf_add(b, s + i, run - i);
			i = run;
			continue;
		}
		switch (u[i]) {
		case '"':  fw_buf_add(b, "\\\"", 2); i++; continue;
		case '\\': fw_buf_add(b, "\\\\", 2); i++; continue;
		case '\n': fw_buf_add(b, "\\n", 2); i++; continue;
		case '\t': fw_buf_add(b, "\\t", 2); i++; continue;
		case '\r': fw_buf_add(b, "\\r", 2); i++; continue;
		}
		if (u[i] < 0x20 || u[i] == 0x7f) {
			add_u4(b, u[i]);
			i++;
			continue;
		}
		len = esc_utf8_len(u + i, n - i);
		if (len == 0) {
			/* A byte that is not UTF-8: a lone low surrogate,
			 * as Python's surrogateescape reads it. */
			add_u4(b, ESC_JSON_RAW_BYTE(u[i]));
			i++;
			continue;
		}
		cp = utf8_decode(u + i, len);
		if (json_escaped_cp(cp))
			add_u4(b, cp);
		else
			fw_buf_add(b, s + i, len);
		i += len;
	}
	fw_buf_addc(b, '"');
}

void
esc_json_str(struct fw_buf *b, const char *s)
{
	esc_json(b, s ? s : "", s ? strlen(s) : 0);
}

void
esc_text_bare(struct fw_buf *b, const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, len, k;
	unsigned int		 cp;

	fw_buf_grow(b, n);
	for (i = 0; i < n; ) {
		switch (u[i]) {
		case '"':  fw_buf_add(b, "\\\"", 2); i++; continue;
		case '\\': fw_buf_add(b, "\\\\", 2); i++; continue;
		case '\n': fw_buf_add(b, "\\n", 2); i++; continue;
		case '\t': fw_buf_add(b, "\\t", 2); i++; continue;
		case '\r': fw_buf_add(b, "\\r", 2); i++; continue;
		}
		if (u[i] >= 0x20 && u[i] < 0x7f) {
			fw_buf_addc(b, (char)u[i]);
			i++;
			continue;
		}
		len = (u[i] < 0x80) ? 0 : esc_utf8_len(u + i, n - i);
		if (len > 1) {
			cp = utf8_decode(u + i, len);
			if (!dangerous_cp(cp)) {
				fw_buf_add(b, s + i, len);
				i += len;
				continue;
			}
			fw_buf_printf(b, "\\u{%04x}", cp);
			i += len;
			continue;
		}
		/* Control byte, DEL or invalid UTF-8: one \xNN per byte. */
		for (k = 0; k < (len ? len : 1); k++) {
			char	 tmp[4] = { '\\', 'x', hexdig[u[i] >> 4],
			    hexdig[u[i] & 15] };
			fw_buf_add(b, tmp, 4);
			i++;
		}
	}
}

void
esc_text(struct fw_buf *b, const char *s, size_t n)
{
	fw_buf_addc(b, '"');
	esc_text_bare(b, s, n);
	fw_buf_addc(b, '"');
}

void
esc_text_str(struct fw_buf *b, const char *s)
{
	esc_text(b, s ? s : "", s ? strlen(s) : 0);
}
