/* test-escape: esc_json and esc_text on every byte, valid and invalid
 * UTF-8, and random strings. JSON output must be valid JSON (checked by a
 * strict decoder here) that maps back to the input bytes (\udcXX for a
 * byte that is not valid UTF-8, as Python's surrogateescape reads it) and
 * holds no raw control, C1 control or bidi control; text output must hold
 * no control byte, no C1 control and no bidi override. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "escape.h"
#include "tap.h"

/* Encode code point cp as UTF-8 (no checks). */
static size_t
enc(unsigned int cp, unsigned char *o)
{
	if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/* The code point of the valid sequence at s (len from esc_utf8_len). */
static unsigned int
dec(const unsigned char *s, size_t len)
{
	if (len == 1)
		return s[0];
	if (len == 2)
		return ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
	if (len == 3)
		return ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) |
		    (s[2] & 0x3fu);
	return ((s[0] & 0x07u) << 18) | ((s[1] & 0x3fu) << 12) |
	    ((s[2] & 0x3fu) << 6) | (s[3] & 0x3fu);
}

/* Characters that must never appear raw in the JSON log or on a terminal:
 * C1 controls, bidi controls (and, in JSON, U+2028/U+2029). */
static int
unsafe_cp(unsigned int cp, int json)
{
	return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a &&
	    cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0x061c ||
	    (json && (cp == 0x2028 || cp == 0x2029));
}

/* Decode a JSON string literal (with its quotes) back to bytes the way
 * doc/LOG-FORMAT.md tells a reader to (and Python's json + surrogateescape
 * does): a lone \udc80..\udcff is the byte 0x80..0xff, every other escape
 * and raw character is its UTF-8. Returns -1 on invalid JSON, or when the
 * literal holds a raw control, C1 or bidi character or invalid UTF-8. */
static ssize_t
json_decode(const char *s, size_t n, unsigned char *out)
{
	size_t		 i = 1, o = 0, len;
	unsigned int	 v, lo;
	char		 hex[5];

	if (n < 2 || s[0] != '"' || s[n - 1] != '"')
		return -1;
	while (i < n - 1) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == '"')
			return -1;
		if (c != '\\') {
			len = esc_utf8_len((const unsigned char *)s + i,
			    n - 1 - i);
			if (len == 0 || unsafe_cp(dec((const unsigned char *)s +
			    i, len), 1))
				return -1;
			memcpy(out + o, s + i, len);
			o += len;
			i += len;
			continue;
		}
		if (i + 1 >= n - 1)
			return -1;
		switch (s[i + 1]) {
		case '"': out[o++] = '"'; i += 2; continue;
		case '\\': out[o++] = '\\'; i += 2; continue;
		case '/': out[o++] = '/'; i += 2; continue;
		case 'b': out[o++] = '\b'; i += 2; continue;
		case 'f': out[o++] = '\f'; i += 2; continue;
		case 'n': out[o++] = '\n'; i += 2; continue;
		case 'r': out[o++] = '\r'; i += 2; continue;
		case 't': out[o++] = '\t'; i += 2; continue;
		case 'u': break;
		default: return -1;
		}
		if (i + 6 > n - 1)
			return -1;
		memcpy(hex, s + i + 2, 4);
		hex[4] = '\0';
		if (strspn(hex, "0123456789abcdefABCDEF") != 4)
			return -1;
		v = (unsigned int)strtoul(hex, NULL, 16);
		i += 6;
		if (v >= 0xd800 && v <= 0xdbff && i + 6 <= n - 1 &&
		    s[i] == '\\' && s[i + 1] == 'u') {
			memcpy(hex, s + i + 2, 4);
			lo = (unsigned int)strtoul(hex, NULL, 16);
			if (lo >= 0xdc00 && lo <= 0xdfff) {
				i += 6;
				o += enc(0x10000 + ((v - 0xd800) << 10) +
				    (lo - 0xdc00), out + o);
				continue;
			}
		}
		if (v >= 0xdc80 && v <= 0xdcff) {
			out[o++] = (unsigned char)(v & 0xff);
			continue;
		}
		if (v >= 0xd800 && v <= 0xdfff)
			return -1;	/* the writer makes no other surrogate */
		o += enc(v, out + o);
	}
	return (ssize_t)o;
}

/* esc_json(s) is valid JSON that decodes back to s. */
static int
json_roundtrip(const unsigned char *s, size_t n)
{
	struct fw_buf	 b;
	unsigned char	 out[4096];
	ssize_t		 r;
	int		 good;

	fw_buf_init(&b);
	esc_json(&b, (const char *)s, n);
	r = json_decode(b.data, b.len, out);
	good = r == (ssize_t)n && memcmp(out, s, n) == 0;
	if (!good) {
		printf("# json: input");
		for (size_t i = 0; i < n; i++)
			printf(" %02x", s[i]);
		printf(" -> %.*s\n", (int)b.len, b.data);
	}
	fw_buf_release(&b);
	return good;
}

static int
json_is(const char *in, size_t n, const char *want)
{
	struct fw_buf	 b;
	int		 good;

	fw_buf_init(&b);
	esc_json(&b, in, n);
	good = b.len == strlen(want) && memcmp(b.data, want, b.len) == 0;
	if (!good)
		printf("# json: got %.*s, want %s\n", (int)b.len, b.data, want);
	fw_buf_release(&b);
	return good;
}

/* Text output: no control byte, DEL, C1 control or bidi override raw. */
static int
text_safe(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, len;
	unsigned int		 cp;

	for (i = 0; i < n; ) {
		if (u[i] < 0x20 || u[i] == 0x7f)
			return 0;
		len = esc_utf8_len(u + i, n - i);
		if (len == 0)
			return 0;
		cp = dec(u + i, len);
		if (unsafe_cp(cp, 0))
			return 0;
		i += len;
	}
	return 1;
}

static int
text_is(const char *in, size_t n, const char *want)
{
	struct fw_buf	 b;
	int		 good;

	fw_buf_init(&b);
	esc_text(&b, in, n);
	good = b.len == strlen(want) && memcmp(b.data, want, b.len) == 0;
	if (!good)
		printf("# text: got %.*s, want %s\n", (int)b.len, b.data, want);
	fw_buf_release(&b);
	return good;
}

static int
text_ok(const unsigned char *s, size_t n)
{
	struct fw_buf	 b;
	int		 good;

	fw_buf_init(&b);
	esc_text(&b, (const char *)s, n);
	good = b.len >= 2 && b.data[0] == '"' && b.data[b.len - 1] == '"' &&
	    text_safe(b.data, b.len);
	if (!good)
		printf("# text: unsafe output %.*s\n", (int)b.len, b.data);
	fw_buf_release(&b);
	return good;
}

static uint32_t	 rng = 12345;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

int
main(void)
{
	static const unsigned int cps[] = { 0xa0, 0xe9, 0xff, 0x7ff, 0x800,
	    0xf780, 0xf7ff,
	    0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff };
	static const struct { const char *s; size_t n; } bad[] = {
		{ "\xc0\x80", 2 }, { "\xc1\xbf", 2 },		/* overlong */
		{ "\xe0\x80\x80", 3 }, { "\xe0\x9f\xbf", 3 },
		{ "\xf0\x80\x80\x80", 4 }, { "\xf0\x8f\xbf\xbf", 4 },
		{ "\xed\xa0\x80", 3 }, { "\xed\xbf\xbf", 3 },	/* surrogates */
		{ "\xf4\x90\x80\x80", 4 }, { "\xf5\x80\x80\x80", 4 },
		{ "\xff", 1 }, { "\xfe", 1 }, { "\x80", 1 },	/* stray */
		{ "\xe2\x82", 2 }, { "\xf0\x9f\x98", 3 },	/* cut short */
		{ "\xc3\x28", 2 },
	};
	unsigned char	 s[512], u[8];
	size_t		 i, j, n, len;
	int		 fails;

	/* Every byte alone. */
	for (fails = 0, i = 0; i < 256; i++) {
		s[0] = (unsigned char)i;
		fails += !json_roundtrip(s, 1);
	}
	ok(fails == 0, "esc_json: every byte alone round-trips (%d bad)",
	    fails);
	for (fails = 0, i = 0; i < 256; i++) {
		s[0] = 'a';
		s[1] = (unsigned char)i;
		s[2] = 'z';
		fails += !json_roundtrip(s, 3) + !text_ok(s, 3);
	}
	ok(fails == 0, "every byte between ASCII (%d bad)", fails);
	for (fails = 0, i = 0; i < 256; i++) {
		s[0] = (unsigned char)i;
		fails += !text_ok(s, 1);
	}
	ok(fails == 0, "esc_text: every byte alone is safe (%d bad)", fails);

	/* Every byte in each position of a valid sequence. */
	for (fails = 0, i = 0; i < FW_ARRAY_SIZE(cps); i++) {
		len = enc(cps[i], u);
		ok(esc_utf8_len(u, len) == len, "U+%04X is valid UTF-8", cps[i]);
		for (j = 0; j < len; j++) {
			for (n = 0; n < 256; n++) {
				memcpy(s, u, len);
				s[j] = (unsigned char)n;
				fails += !json_roundtrip(s, len) +
				    !text_ok(s, len);
			}
		}
	}
	ok(fails == 0, "bytes substituted in UTF-8 sequences (%d bad)", fails);

	/* Valid UTF-8 stays raw in JSON. */
	for (i = 0; i < FW_ARRAY_SIZE(cps); i++) {
		char want[16];
		len = enc(cps[i], u);
		want[0] = '"';
		memcpy(want + 1, u, len);
		want[len + 1] = '"';
		want[len + 2] = '\0';
		ok(json_is((char *)u, len, want), "U+%04X raw in JSON", cps[i]);
	}
	/* Invalid sequences: rejected, and every byte escaped. */
	for (i = 0; i < FW_ARRAY_SIZE(bad); i++) {
		char want[64], *w = want;
		ok(esc_utf8_len((const unsigned char *)bad[i].s, bad[i].n) == 0,
		    "invalid sequence %zu rejected", i);
		*w++ = '"';
		for (j = 0; j < bad[i].n; j++) {
			unsigned char c = (unsigned char)bad[i].s[j];
			if (c >= 0x20 && c < 0x7f)
				*w++ = (char)c;
			else if (c >= 0x80)
				w += sprintf(w, "\\udc%02x", c);
			else
				w += sprintf(w, "\\u%04x", c);
		}
		*w++ = '"';
		*w = '\0';
		ok(json_is(bad[i].s, bad[i].n, want),
		    "invalid sequence %zu escaped byte by byte", i);
		ok(json_roundtrip((const unsigned char *)bad[i].s, bad[i].n),
		    "invalid sequence %zu round-trips", i);
	}
	ok(esc_utf8_len((const unsigned char *)"\xe2\x82\xac", 2) == 0,
	    "a sequence longer than the buffer is invalid");

	/* Exact JSON forms. */
	ok(json_is("a\"b\\c", 5, "\"a\\\"b\\\\c\""), "quote and backslash");
	ok(json_is("\n\t\r\b\f", 5, "\"\\n\\t\\r\\u0008\\u000c\""),
	    "control characters");
	ok(json_is("\x1b[31m\x7f", 6, "\"\\u001b[31m\\u007f\""), "ESC and DEL");
	ok(json_is("", 0, "\"\""), "empty string");
	ok(json_is("\xff\xc3\xa9", 3, "\"\\udcff\xc3\xa9\""),
	    "invalid byte next to a valid one");
	ok(json_is("\xc3\xbf\xef\x9e\x80\xef\x9f\xbf", 8,
	    "\"\xc3\xbf\xef\x9e\x80\xef\x9f\xbf\""),
	    "U+00FF, U+F780 and U+F7FF stay characters");
	ok(json_is("\xc2\x80\xc2\x9b\xc2\x9f\xc2\xa0", 8,
	    "\"\\u0080\\u009b\\u009f\xc2\xa0\""),
	    "C1 controls escaped, U+00A0 raw");
	ok(json_is("\xe2\x80\xaa\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9", 12,
	    "\"\\u202a\\u202e\\u2066\\u2069\""), "bidi overrides escaped");
	ok(json_is("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c\xe2\x80\xa8\xe2\x80\xa9",
	    14, "\"\\u200e\\u200f\\u061c\\u2028\\u2029\""),
	    "bidi marks and line separators escaped");

	/* Exact text forms. */
	ok(text_is("a\"b\\c\n\t\r", 8, "\"a\\\"b\\\\c\\n\\t\\r\""),
	    "text: quotes, backslash, \\n \\t \\r");
	ok(text_is("\x1b[2J\x7f\x01", 6, "\"\\x1b[2J\\x7f\\x01\""),
	    "text: ESC, DEL, SOH as \\xNN");
	ok(text_is("\xff\xfe", 2, "\"\\xff\\xfe\""), "text: invalid bytes");
	ok(text_is("\xe2\x80\xae!", 4, "\"\\u{202e}!\""), "text: RLO escaped");
	ok(text_is("\xe2\x81\xa6\xe2\x81\xa9", 6, "\"\\u{2066}\\u{2069}\""),
	    "text: isolates escaped");
	ok(text_is("\xe2\x80\x8f\xd8\x9c", 5, "\"\\u{200f}\\u{061c}\""),
	    "text: RLM and ALM escaped");
	ok(text_is("\xc2\x9b", 2, "\"\\u{009b}\""), "text: C1 CSI escaped");
	ok(text_is("\xc3\xa9\xf0\x9f\x98\x80", 6,
	    "\"\xc3\xa9\xf0\x9f\x98\x80\""), "text: printable UTF-8 raw");
	ok(text_is("\xed\xa0\x80", 3, "\"\\xed\\xa0\\x80\""),
	    "text: surrogate bytes escaped");

	/* Random strings, biased towards the interesting bytes. */
	for (fails = 0, i = 0; i < 20000; i++) {
		n = rnd() % 40;
		for (j = 0; j < n; j++) {
			switch (rnd() % 4) {
			case 0: s[j] = (unsigned char)(rnd() % 256); break;
			case 1: s[j] = (unsigned char)(0x80 + rnd() % 64); break;
			case 2: s[j] = (unsigned char)(0xc0 + rnd() % 64); break;
			default: s[j] = (unsigned char)(rnd() % 0x80); break;
			}
		}
		fails += !json_roundtrip(s, n) + !text_ok(s, n);
	}
	ok(fails == 0, "20000 random strings (%d bad)", fails);
	return tap_done();
}
