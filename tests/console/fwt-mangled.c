/* fwt-mangled - C functions under C++ and Rust symbol names (asm labels),
 * so "bt" has mangled names to demangle without a C++ compiler in the
 * build. The names, read by hand from the Itanium C++ ABI and Rust's v0
 * mangling:
 *
 *   _ZN2ns6Widget4spinEi     ns::Widget::spin(int)
 *                            (N..E nested name: 2"ns" 6"Widget" 4"spin";
 *                            parameter i: int)
 *   _ZN2ns5outerIiEEvT_      void ns::outer<int>(int)
 *                            (template args I i E; return type v: void;
 *                            parameter T_: the first template argument)
 *   _RNvCs1234_7mycrate3run  mycrate::run
 *                            (N v: a value in C: crate "mycrate" with
 *                            disambiguator s1234_, then "run")
 *
 * Chain at the fork: main -> mycrate::run -> ns::outer<int> ->
 * ns::Widget::spin -> fork(); built -O0 -g like fwt-bt. "@line NAME"
 * comments mark the line each frame must show. */
#include "fwt.h"

#if defined(__GNUC__) && !defined(__clang__)
#define NOINLINE	__attribute__((noinline, noclone, used))
#else
#define NOINLINE	__attribute__((noinline, used))
#endif

static volatile int	 sink;

void	widget_spin(int) __asm__("_ZN2ns6Widget4spinEi");
void	outer_int(int) __asm__("_ZN2ns5outerIiEEvT_");
void	crate_run(void) __asm__("_RNvCs1234_7mycrate3run");

NOINLINE void
widget_spin(int n)
{
	pid_t	 pid = fwt_fork();		/* @line spin */

	if (pid == 0)
		_exit(n);
	sink += WEXITSTATUS(fwt_wait(pid));
}

NOINLINE void
outer_int(int n)
{
	widget_spin(n);				/* @line outer */
	sink++;
}

NOINLINE void
crate_run(void)
{
	outer_int(3);				/* @line run */
	sink++;
}

int
main(void)
{
	crate_run();				/* @line main */
	sink++;
	return 0;
}
