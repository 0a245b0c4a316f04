/* report-svg.c - the SVG timeline picture. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "report.h"
#include "report-critical.h"
#include "report-model.h"
#include "report-profile.h"
#include "report-svg.h"
#include "report-text.h"
#include "report-tree.h"

#define WIDTH		1200
#define LABEL_X		8
#define CHART_X0	340
#define CHART_X1	(WIDTH - 24)
#define BAND_Y		50	/* the parallelism band */
#define BAND_H		36
#define TOP		(BAND_Y + BAND_H + 30)
#define ROW_H		18
#define BAR_H		12
#define INDENT		10
#define MAX_INDENT	20
#define CHAR_W		6.7	/* of the 11px monospace font */
#define LEGEND_H	40

static const char style[] =
	"<style>\n"
	"  text { fill: #222; }\n"
	"  .title { font-size: 14px; font-weight: bold; }\n"
	"  .axis { fill: #555; font-size: 10px; }\n"
	"  .grid { stroke: #dddddd; stroke-width: 1; }\n"
	"  .stripe { fill: #f4f4f4; }\n"
	"  .conn { stroke: #9a9a9a; stroke-width: 0.8; fill: none; }\n"
	"  .ok { fill: #4e9a4e; }\n"
	"  .fail { fill: #d9534f; }\n"
	"  .sig { fill: #8e44ad; }\n"
	"  .run { fill: #a8a8a8; }\n"
	"  .det { fill: #5b8bd9; }\n"
	"  .crit { stroke: #000000; stroke-width: 1.6; }\n"
	"  .exec { stroke: #ffffff; stroke-width: 1.2; }\n"
	"  .prexec { fill: #ffffff; opacity: 0.45; }\n"
	"  .failtext { fill: #b52b27; }\n"
	"  .band { fill: #7a9cc6; }\n"
	"  .bandbox { fill: #f4f7fb; stroke: #c8d3e3; stroke-width: 1; }\n"
	"</style>\n";

/*
 * Append s for XML character data or an attribute value: markup characters
 * as entities; control characters (which XML cannot hold at all) and bytes
 * that are not UTF-8 as the text \xNN. At most max characters are written,
 * then "...".
 */
static void
xml_put(struct fw_buf *b, const char *s, size_t max)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, n, len, chars = 0;

	if (s == NULL)
		return;
	n = strlen(s);
	while (i < n) {
		if (chars++ == max) {
			fw_buf_adds(b, "...");
			return;
		}
		switch (u[i]) {
		case '&': fw_buf_adds(b, "&amp;"); i++; continue;
		case '<': fw_buf_adds(b, "&lt;"); i++; continue;
		case '>': fw_buf_adds(b, "&gt;"); i++; continue;
		case '"': fw_buf_adds(b, "&quot;"); i++; continue;
		case '\'': fw_buf_adds(b, "&apos;"); i++; continue;
		}
		len = esc_utf8_len(u + i, n - i);
		if (len == 0 || u[i] < 0x20 || u[i] == 0x7f ||
		    (len == 2 && u[i] == 0xc2 && u[i + 1] < 0xa0) ||
		    (len == 3 && u[i] == 0xef && u[i + 1] == 0xbf &&
		    u[i + 2] >= 0xbe)) {
			/* C0/C1 controls, U+FFFE/U+FFFF and invalid bytes */
			size_t k, cnt = len ? len : 1;

			for (k = 0; k < cnt; k++)
				fw_buf_printf(b, "\\x%02x", u[i + k]);
			i += cnt;
			continue;
		}
		fw_buf_add(b, s + i, len);
		i += len;
	}
}

/* Append the argv of im (or its path) for XML. */
static void
xml_argv(struct fw_buf *b, const struct report_image *im)
{
	size_t	 i;

	if (im == NULL)
		return;
	for (i = 0; i < im->argc; i++) {
		if (i > 0)
			fw_buf_addc(b, ' ');
		xml_put(b, im->argv[i], 4096);
	}
	if (im->argc == 0)
		xml_put(b, im->path, 4096);
}

/* The CSS class that colours p's bar. */
static const char *
outcome_class(const struct report_proc *p)
{
	if (p->exited && p->signaled)
		return "sig";
	if (p->exited)
		return p->code == 0 ? "ok" : "fail";
	if (p->detached)
		return "det";
	return "run";
}

/* A step between axis ticks: 1, 2 or 5 times a power of ten, giving about
 * ten ticks over span. */
static double
tick_step(double span)
{
	double	 raw = span / 10, mag = 1, norm;
	int	 guard;

	for (guard = 0; mag * 10 <= raw && guard < 400; guard++)
		mag *= 10;
	for (guard = 0; mag > raw && guard < 400; guard++)
		mag /= 10;
	norm = raw / mag;
	if (norm < 1.5)
		return mag;
	if (norm < 3.5)
		return 2 * mag;
	if (norm < 7.5)
		return 5 * mag;
	return 10 * mag;
}

/* The label of the tick at t, in the unit that suits step. */
static void
tick_label(char *buf, size_t len, double t, double step)
{
	if (step >= 1)
		snprintf(buf, len, "%gs", t);
	else if (step >= 1e-3)
		snprintf(buf, len, "%gms", t * 1e3);
	else
		snprintf(buf, len, "%gus", t * 1e6);
}

struct svg {
	FILE			*f;
	struct fw_buf		 b;
	struct fw_buf		 label;
	double			 scale;		/* pixels per second */
	double			 t0;
	struct report_proc	**rows;
	size_t			 n_rows;
	long			*row_of;	/* by seq, -1 if not drawn */
	/* By seq: the nearest ancestor that is drawn (folded forks and
	 * processes left out are skipped), or NULL. */
	const struct report_proc **drawn_above;
	bool			*crit;		/* by seq */
	/* What was left out, for the header. */
	size_t			 in_scope;	/* processes under the roots */
	size_t			 folded;	/* forks without exec */
	size_t			 too_short;	/* --min-duration */
	size_t			 too_deep;	/* --depth */
	size_t			 over_cap;	/* --max-rows */
};

static double
xpos(const struct svg *s, double t)
{
	return CHART_X0 + (t - s->t0) * s->scale;
}

static double
row_y(size_t row)
{
	return TOP + (double)row * ROW_H;
}

/* Tick labels and grid lines of the time axis. */
static void
draw_axis(struct svg *s, double span, size_t height)
{
	double	 step = tick_step(span), t;
	char	 lab[48];
	int	 k;

	for (k = 0; k <= 100; k++) {
		t = k * step;
		if (t > span * 1.0001)
			break;
		tick_label(lab, sizeof lab, t, step);
		fw_buf_printf(&s->b, "<line class=\"grid\" x1=\"%.1f\" "
		    "y1=\"%d\" x2=\"%.1f\" y2=\"%zu\"/>\n"
		    "<text class=\"axis\" x=\"%.1f\" "
		    "y=\"%d\" text-anchor=\"middle\">%s</text>\n",
		    xpos(s, s->t0 + t), TOP - 6, xpos(s, s->t0 + t), height,
		    xpos(s, s->t0 + t), TOP - 10, lab);
	}
}

/* The <title> shown on hover: pid, outcome, times, every image's argv. */
static void
bar_title(struct svg *s, const struct report_proc *p)
{
	const struct report_image	*im;
	char				 st[128], d[32], cpu[32], rss[32];

	fw_buf_printf(&s->b, "<title>pid %lld: ", p->pid);
	xml_put(&s->b, report_proc_status(p, st, sizeof st), 4096);
	fw_buf_printf(&s->b, " after %s", report_text_duration(d, sizeof d,
	    report_proc_duration(p)));
	if (p->has_rusage)
		fw_buf_printf(&s->b, ", own cpu %s, max RSS %s%s",
		    report_text_duration(cpu, sizeof cpu, p->self_cpu),
		    p->maxrss_own ? "" : "&lt;= ",
		    report_text_kb(rss, sizeof rss, p->maxrss_kb));
	fw_buf_printf(&s->b, "&#10;started at %.6fs", p->start);
	if (p->n_threads > 0)
		fw_buf_printf(&s->b, ", %zu thread%s", p->n_threads,
		    p->n_threads == 1 ? "" : "s");
	if (p->images == NULL) {
		fw_buf_adds(&s->b, "&#10;(fork of) ");
		xml_argv(&s->b, p->inherited);
	}
	for (im = p->images; im != NULL; im = im->next) {
		fw_buf_adds(&s->b, "&#10;");
		xml_argv(&s->b, im);
		if (im->cwd != NULL) {
			fw_buf_adds(&s->b, "  (in ");
			xml_put(&s->b, im->cwd, 4096);
			fw_buf_addc(&s->b, ')');
		}
	}
	if (s->crit[p->seq])
		fw_buf_adds(&s->b, "&#10;on the critical path");
	fw_buf_adds(&s->b, "</title>");
}

/* The label and bar (with exec marks and title) of one row. */
static void
draw_row(struct svg *s, size_t row, int depth)
{
	const struct report_proc	*p = s->rows[row];
	const struct report_image	*im;
	double				 y = row_y(row), x, w;
	int				 indent = depth < MAX_INDENT ? depth :
	    MAX_INDENT;
	size_t				 room;

	fw_buf_adds(&s->b, "<g>");
	bar_title(s, p);
	x = xpos(s, p->start);
	w = (p->end - p->start) * s->scale;
	if (w < 1)
		w = 1;
	fw_buf_printf(&s->b, "<rect class=\"%s%s\" x=\"%.2f\" y=\"%.1f\" "
	    "width=\"%.2f\" height=\"%d\" rx=\"2\"/>", outcome_class(p),
	    s->crit[p->seq] ? " crit" : "", x, y + (ROW_H - BAR_H) / 2.0, w,
	    BAR_H);
	/* The time between fork and the first exec is drawn paler. */
	if (p->images != NULL && p->images->ts > p->start)
		fw_buf_printf(&s->b, "<rect class=\"prexec\" x=\"%.2f\" "
		    "y=\"%.1f\" width=\"%.2f\" height=\"%d\"/>", x,
		    y + (ROW_H - BAR_H) / 2.0,
		    (p->images->ts - p->start) * s->scale, BAR_H);
	for (im = p->images; im != NULL; im = im->next) {
		if (im->ts <= p->start || im->ts >= p->end)
			continue;
		fw_buf_printf(&s->b, "<line class=\"exec\" x1=\"%.2f\" "
		    "y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\"/>", xpos(s, im->ts),
		    y + (ROW_H - BAR_H) / 2.0, xpos(s, im->ts),
		    y + (ROW_H + BAR_H) / 2.0);
	}
	room = (size_t)((CHART_X0 - 8 - LABEL_X - indent * INDENT) / CHAR_W);
	fw_buf_printf(&s->b, "<text x=\"%d\" y=\"%.1f\"%s>",
	    LABEL_X + indent * INDENT, y + ROW_H - 5,
	    report_proc_failed(p) ? " class=\"failtext\"" : "");
	fw_buf_reset(&s->label);
	report_text_label(&s->label, p, room > 4 ? room : 4);
	xml_put(&s->b, fw_buf_cstr(&s->label), room > 4 ? room : 4);
	fw_buf_adds(&s->b, "</text></g>\n");
	report_text_flush(&s->b, s->f);
}

/* Connectors: from the parent's row at the child's start down to the
 * child's row. Drawn before the bars so the bars sit on top. */
static void
draw_connectors(struct svg *s)
{
	const struct report_proc	*p, *up;
	size_t				 row;
	double				 x;

	for (row = 0; row < s->n_rows; row++) {
		p = s->rows[row];
		up = s->drawn_above[p->seq];
		if (up == NULL)
			continue;
		x = xpos(s, p->start);
		fw_buf_printf(&s->b, "<path class=\"conn\" d=\"M%.2f %.1f "
		    "V%.1f H%.2f\"/>\n", x,
		    row_y((size_t)s->row_of[up->seq]) + ROW_H / 2.0,
		    row_y(row) + ROW_H / 2.0, x + 1);
		report_text_flush(&s->b, s->f);
	}
}

/* What the colours and marks mean. */
static void
draw_legend(struct svg *s, double y)
{
	static const struct {
		const char	*cls;
		const char	*text;
	} items[] = {
		{ "ok", "exit 0" }, { "fail", "exit status != 0" },
		{ "sig", "killed by a signal" }, { "run", "no exit in log" },
		{ "det", "detached" }, { "ok crit", "critical path" },
	};
	size_t	 i;
	double	 x = LABEL_X;

	for (i = 0; i < FW_ARRAY_SIZE(items); i++) {
		fw_buf_printf(&s->b, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" "
		    "width=\"16\" height=\"%d\" rx=\"2\"/><text x=\"%.1f\" "
		    "y=\"%.1f\">%s</text>\n", items[i].cls, x, y, BAR_H,
		    x + 22, y + BAR_H - 2, items[i].text);
		x += 22 + (double)strlen(items[i].text) * CHAR_W + 24;
	}
	/* How a bar shows its exec images. */
	fw_buf_printf(&s->b, "<rect class=\"ok\" x=\"%.1f\" y=\"%.1f\" "
	    "width=\"32\" height=\"%d\" rx=\"2\"/><rect class=\"prexec\" "
	    "x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"%d\"/><line "
	    "class=\"exec\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
	    "<text x=\"%.1f\" y=\"%.1f\">fork, then exec</text>\n", x, y,
	    BAR_H, x, y, BAR_H, x + 10, y, x + 10, y + BAR_H, x + 38,
	    y + BAR_H - 2);
}

/*
 * Choose the rows: the processes under the roots in pre-order, to --depth,
 * without those shorter than --min-duration (and what ran under them) and
 * without the forks that never exec'd, whose children are drawn in their
 * place. When more than --max-rows are left, the longest are kept, each
 * with its ancestors, so that the picture stays drawable (rsvg-convert
 * refuses more than 32,767 pixels).
 */
static void
collect_rows(struct svg *s, const struct report_model *m,
    const struct report_opts *o, int **depths)
{
	struct report_proc	**roots, *p, **cand;
	const struct report_proc *a;
	bool			*want, *folded, *incand;
	size_t			 n, i, k, n_cand = 0, n_want = 0, need;
	int			 depth, *vdepth;

	s->rows = fw_calloc(m->n_procs + 1, sizeof *s->rows);
	*depths = fw_calloc(m->n_procs + 1, sizeof **depths);
	s->row_of = fw_malloc((m->n_procs + 1) * sizeof *s->row_of);
	s->drawn_above = fw_calloc(m->n_procs + 1, sizeof *s->drawn_above);
	cand = fw_calloc(m->n_procs + 1, sizeof *cand);
	want = fw_calloc(m->n_procs + 1, sizeof *want);
	folded = fw_calloc(m->n_procs + 1, sizeof *folded);
	incand = fw_calloc(m->n_procs + 1, sizeof *incand);
	vdepth = fw_calloc(m->n_procs + 1, sizeof *vdepth);
	for (i = 0; i < m->n_procs; i++)
		s->row_of[i] = -1;
	n = report_tree_roots(m, o, &roots);
	for (i = 0; i < n; i++) {
		depth = 0;
		for (p = roots[i]; p != NULL; ) {
			bool	 deeper = o->depth < 0 || depth < o->depth;
			size_t	 below = 0;
			int	 d = depth;

			s->in_scope++;
			if (depth > 0 && report_proc_duration(p) <
			    o->min_duration) {
				/* Left out with what ran under it. */
				const struct report_proc *q = p;
				int		 dd = 0;

				while ((q = report_proc_next(q, p, true,
				    &dd)) != NULL)
					below++;
				s->too_short += below + 1;
				s->in_scope += below;
				p = report_proc_next(p, roots[i], false,
				    &depth);
				continue;
			}
			if (!deeper && p->first_child != NULL) {
				const struct report_proc *q = p;
				int		 dd = 0;

				while ((q = report_proc_next(q, p, true,
				    &dd)) != NULL)
					below++;
				s->too_deep += below;
				s->in_scope += below;
			}
			if (d > 0 && p->images == NULL) {
				folded[p->seq] = true;
				s->folded++;
			} else
				cand[n_cand++] = p;
			incand[p->seq] = true;
			p = report_proc_next(p, roots[i], deeper, &depth);
		}
	}
	free(roots);

	/* The longest, each with the ancestors it needs, up to the cap. */
	if (n_cand > o->max_rows) {
		struct report_proc **byd = fw_calloc(n_cand + 1, sizeof *byd);

		memcpy(byd, cand, n_cand * sizeof *byd);
		fw_qsort(byd, n_cand, sizeof *byd, report_proc_cmp_duration);
		for (k = 0; k < n_cand; k++) {
			if (want[byd[k]->seq])
				continue;
			need = 1;
			for (a = byd[k]->parent; a != NULL && incand[a->seq] &&
			    !want[a->seq]; a = a->parent)
				need += !folded[a->seq];
			if (n_want + need > o->max_rows)
				break;
			for (a = byd[k]; a != NULL && incand[a->seq] &&
			    !want[a->seq]; a = a->parent) {
				if (!folded[a->seq])
					n_want++;
				want[a->seq] = true;
			}
		}
		free(byd);
		s->over_cap = n_cand - n_want;
	} else {
		for (k = 0; k < n_cand; k++)
			want[cand[k]->seq] = true;
	}
	/* Rows in pre-order; a row is indented one step below the nearest
	 * ancestor that is drawn. */
	for (k = 0; k < n_cand; k++) {
		p = cand[k];
		if (!want[p->seq] || folded[p->seq])
			continue;
		for (a = p->parent; a != NULL && (folded[a->seq] ||
		    s->row_of[a->seq] < 0); a = a->parent)
			;
		s->drawn_above[p->seq] = a;
		vdepth[p->seq] = a != NULL ? vdepth[a->seq] + 1 : 0;
		s->row_of[p->seq] = (long)s->n_rows;
		(*depths)[s->n_rows] = vdepth[p->seq];
		s->rows[s->n_rows++] = p;
	}
	free(cand);
	free(want);
	free(folded);
	free(incand);
	free(vdepth);
}

/* The parallelism band: busy processes over time, one column per pixel,
 * as a filled outline above the bars. */
static void
draw_band(struct svg *s, const struct report_model *m,
    const struct report_opts *o, double span)
{
	struct report_profile	 pr;
	double			 x, t, dt, v, y0 = BAND_Y + BAND_H;
	size_t			 cursor = 0;

	report_profile_compute(&pr, m, o);
	fw_buf_printf(&s->b, "<rect class=\"bandbox\" x=\"%d\" y=\"%d\" "
	    "width=\"%d\" height=\"%d\"/>\n", CHART_X0, BAND_Y,
	    CHART_X1 - CHART_X0, BAND_H);
	fw_buf_printf(&s->b, "<text class=\"axis\" x=\"%d\" y=\"%d\">busy "
	    "processes: %.2f on average, %d at most</text>\n<text "
	    "class=\"axis\" x=\"%d\" y=\"%d\">(alive, no traced child "
	    "alive)</text>\n", LABEL_X, BAND_Y + 14, pr.mean, pr.peak,
	    LABEL_X, BAND_Y + 27);
	if (pr.peak > 0 && pr.n_steps > 0) {
		dt = span / (CHART_X1 - CHART_X0);
		fw_buf_printf(&s->b, "<path class=\"band\" d=\"M%d %.1f",
		    CHART_X0, y0);
		for (x = CHART_X0; x < CHART_X1; x += 1) {
			t = s->t0 + (x - CHART_X0) * dt;
			v = report_profile_mean(&pr, t, t + dt, &cursor);
			fw_buf_printf(&s->b, " L%.0f %.1f L%.0f %.1f", x,
			    y0 - v / pr.peak * (BAND_H - 2), x + 1,
			    y0 - v / pr.peak * (BAND_H - 2));
			if (s->b.len > 60000)
				report_text_flush(&s->b, s->f);
		}
		fw_buf_printf(&s->b, " L%d %.1f Z\"><title>busy processes "
		    "over time: %.2f on average, %d at most</title></path>\n",
		    CHART_X1, y0, pr.mean, pr.peak);
	}
	report_text_flush(&s->b, s->f);
	report_profile_release(&pr);
}

void
report_svg_write(FILE *f, const struct report_model *m,
    const struct report_opts *o)
{
	struct svg		 s;
	struct report_crit	 cr;
	int			*depths;
	size_t			 i, height, nfail = 0;
	double			 t1 = 0, span;
	char			 d[32];

	memset(&s, 0, sizeof s);
	s.f = f;
	fw_buf_init(&s.b);
	collect_rows(&s, m, o, &depths);
	s.crit = fw_calloc(m->n_procs + 1, sizeof *s.crit);
	report_critical_compute(&cr, report_critical_root(m, o));
	for (i = 0; i < cr.n; i++)
		s.crit[cr.links[i].proc->seq] = true;
	report_critical_release(&cr);

	s.t0 = s.n_rows > 0 ? s.rows[0]->start : 0;
	for (i = 0; i < s.n_rows; i++) {
		if (s.rows[i]->start < s.t0)
			s.t0 = s.rows[i]->start;
		if (s.rows[i]->end > t1)
			t1 = s.rows[i]->end;
		nfail += report_proc_failed(s.rows[i]);
	}
	if (!o->has_under)
		s.t0 = s.t0 < 0 ? s.t0 : 0;
	span = t1 - s.t0 > 1e-6 ? t1 - s.t0 : 1e-6;
	if (!isfinite(span))
		span = 1e300;	/* absurd timestamps of a damaged log */
	s.scale = (CHART_X1 - CHART_X0) / span;
	height = TOP + s.n_rows * ROW_H + LEGEND_H;
	fw_buf_init(&s.label);

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%zu\" viewBox=\"0 0 %d %zu\" font-family=\"DejaVu Sans "
	    "Mono, Menlo, Consolas, monospace\" font-size=\"11\">\n%s"
	    "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%zu\" "
	    "fill=\"#ffffff\"/>\n", WIDTH, height, WIDTH, height, style, WIDTH,
	    height);
	fw_buf_adds(&s.b, "<text class=\"title\" x=\"8\" y=\"20\">forkwatch: ");
	if (m->argc > 0)
		for (i = 0; i < m->argc && s.b.len < 4096; i++) {
			xml_put(&s.b, m->argv[i], 60);
			fw_buf_addc(&s.b, ' ');
		}
	else
		xml_put(&s.b, o->log, 80);
	fw_buf_printf(&s.b, "</text>\n<text x=\"8\" y=\"38\">%zu of %zu "
	    "process%s shown, %zu failed, %s%s", s.n_rows, s.in_scope,
	    s.in_scope == 1 ? "" : "es", nfail, report_text_duration(d,
	    sizeof d, span), m->has_end ? "" : " (log cut short)");
	if (s.folded + s.too_short + s.too_deep + s.over_cap > 0) {
		const char *sep = "; left out:";

		if (s.folded > 0) {
			fw_buf_printf(&s.b, "%s %zu fork%s without exec (drawn "
			    "as their parent)", sep, s.folded,
			    s.folded == 1 ? "" : "s");
			sep = ",";
		}
		if (s.too_short > 0) {
			fw_buf_printf(&s.b, "%s %zu shorter than %s (with what "
			    "ran under them)", sep, s.too_short,
			    report_text_duration(d, sizeof d,
			    o->min_duration));
			sep = ",";
		}
		if (s.too_deep > 0) {
			fw_buf_printf(&s.b, "%s %zu deeper than --depth %d",
			    sep, s.too_deep, o->depth);
			sep = ",";
		}
		if (s.over_cap > 0)
			fw_buf_printf(&s.b, "%s %zu beyond the %zu longest "
			    "(--max-rows)", sep, s.over_cap, o->max_rows);
	}
	fw_buf_adds(&s.b, "</text>\n");
	report_text_flush(&s.b, f);
	for (i = 1; i < s.n_rows; i += 2) {
		fw_buf_printf(&s.b, "<rect class=\"stripe\" x=\"0\" y=\"%.1f\" "
		    "width=\"%d\" height=\"%d\"/>\n", row_y(i), WIDTH, ROW_H);
		report_text_flush(&s.b, f);
	}
	draw_band(&s, m, o, span);
	draw_axis(&s, span, TOP + s.n_rows * ROW_H);
	report_text_flush(&s.b, f);
	draw_connectors(&s);
	for (i = 0; i < s.n_rows; i++)
		draw_row(&s, i, depths[i]);
	draw_legend(&s, (double)(TOP + s.n_rows * ROW_H + 14));
	fw_buf_adds(&s.b, "</svg>\n");
	report_text_flush(&s.b, f);

	fw_buf_release(&s.b);
	fw_buf_release(&s.label);
	free(s.rows);
	free(s.row_of);
	free(s.drawn_above);
	free(s.crit);
	free(depths);
}
