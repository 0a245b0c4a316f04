/* shquote.c - quoting words for a shell. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "escape.h"
#include "shquote.h"

static bool
bare_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("_@%+=:,./-", c) != NULL;
}

/* $'...': bash's ANSI-C quoting, the only form that can carry any byte
 * while the line itself stays printable. */
static void
ansi_c(struct fw_buf *b, const unsigned char *u, size_t n)
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 i = 0, len;

	fw_buf_adds(b, "$'");
	while (i < n) {
		switch (u[i]) {
		case '\\':	fw_buf_adds(b, "\\\\"); i++; continue;
		case '\'':	fw_buf_adds(b, "\\'"); i++; continue;
		case '\n':	fw_buf_adds(b, "\\n"); i++; continue;
		case '\t':	fw_buf_adds(b, "\\t"); i++; continue;
		case '\r':	fw_buf_adds(b, "\\r"); i++; continue;
		}
		if ((len = esc_utf8_safe_len(u + i, n - i)) > 0) {
			fw_buf_add(b, (const char *)u + i, len);
			i += len;
			continue;
		}
		fw_buf_adds(b, "\\x");
		fw_buf_addc(b, hex[u[i] >> 4]);
		fw_buf_addc(b, hex[u[i] & 15]);
		i++;
	}
	fw_buf_addc(b, '\'');
}

void
shq_word(struct fw_buf *b, const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, len;
	bool			 bare = n > 0, printable = true;

	for (i = 0; i < n; i += len) {
		if (!bare_char(u[i]))
			bare = false;
		if ((len = esc_utf8_safe_len(u + i, n - i)) == 0) {
			printable = false;
			break;
		}
	}
	if (bare) {
		fw_buf_add(b, s, n);
		return;
	}
	if (!printable) {
		ansi_c(b, u, n);
		return;
	}
	fw_buf_addc(b, '\'');
	for (i = 0; i < n; i++) {
		if (s[i] == '\'')
			fw_buf_adds(b, "'\\''");
		else
			fw_buf_addc(b, s[i]);
	}
	fw_buf_addc(b, '\'');
}

void
shq_word_str(struct fw_buf *b, const char *s)
{
	shq_word(b, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
}
