/*
 * pal_core.h
 *	  Shared definitions of the palliative core library.
 *
 * The core is plain C99 with no PostgreSQL headers.  It never allocates with
 * palloc and never raises errors itself: callers pass a pal_allocator and
 * receive a pal_status plus a filled pal_error, which the server glue turns
 * into ereport() with the matching SQLSTATE (see src/pal_glue.c).
 */
#ifndef PAL_CORE_H
#define PAL_CORE_H

#include <stddef.h>
#include <stdint.h>

typedef enum pal_status
{
	PAL_OK = 0,
	PAL_ERR_SYNTAX,				/* malformed text: 22P02 */
	PAL_ERR_VALUE,				/* invalid parameter value: 22023 */
	PAL_ERR_RANGE,				/* numeric value out of range: 22003 */
	PAL_ERR_NULL,				/* null value not allowed: 22004 */
	PAL_ERR_BINARY,				/* invalid binary representation: 22P03 */
	PAL_ERR_UNIQUE,				/* duplicate key: 23505 */
	PAL_ERR_NOMEM,				/* out of memory: 53200 */
	PAL_ERR_INTERRUPTED,		/* the interrupt callback asked to stop */
	PAL_ERR_DATETIME,			/* malformed or impossible date: 22007 */
	PAL_ERR_COLUMN				/* a required column is missing: 42703 */
} pal_status;

#define PAL_ERROR_MSGLEN 256
#define PAL_ERROR_HINTLEN 2048

typedef struct pal_error
{
	pal_status	code;
	char		message[PAL_ERROR_MSGLEN];
	char		detail[PAL_ERROR_MSGLEN];
	char		hint[PAL_ERROR_HINTLEN];
} pal_error;

/*
 * Memory and interrupts supplied by the caller.  alloc returns NULL on
 * failure (the core then returns PAL_ERR_NOMEM); check_interrupt, when not
 * NULL, is called from long loops and returns non-zero to stop the work.  In
 * the server, alloc is palloc in a chosen context (which raises its own error
 * on failure) and check_interrupt runs CHECK_FOR_INTERRUPTS().
 */
typedef struct pal_allocator
{
	void	   *(*alloc) (void *ctx, size_t size);
	void		(*release) (void *ctx, void *ptr);
	int			(*check_interrupt) (void *ctx);
	void	   *ctx;
} pal_allocator;

/* an allocator on malloc/free, for unit tests and fuzzers */
extern const pal_allocator pal_malloc_allocator;

extern void pal_error_clear(pal_error *err);
extern pal_status pal_error_set(pal_error *err, pal_status code,
								const char *fmt,...)
			__attribute__((format(printf, 3, 4)));
extern void pal_error_detail(pal_error *err, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));
extern void pal_error_hint(pal_error *err, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));

/* the errors of a cancelled computation and of an allocation that failed */
extern pal_status pal_error_interrupted(pal_error *err);
extern pal_status pal_error_nomem(pal_error *err);

/*
 * Quote at most maxlen bytes of s (length len) for an error message,
 * appending "..." when cut; never splits a UTF-8 character.
 */
extern void pal_quote_prefix(char *dst, size_t dstlen, const char *s,
							 size_t len, size_t maxlen);

/* checked size arithmetic: return 0 and set *out, or 1 on overflow */
static inline int
pal_mul_size(size_t a, size_t b, size_t *out)
{
	if (a != 0 && b > SIZE_MAX / a)
		return 1;
	*out = a * b;
	return 0;
}

static inline int
pal_add_size(size_t a, size_t b, size_t *out)
{
	if (b > SIZE_MAX - a)
		return 1;
	*out = a + b;
	return 0;
}

/*
 * Allocator helpers shared by the core: an array of n elements (n = 0 gives
 * a minimal block) with the size overflow-checked, NULL on overflow or
 * failure; release that ignores NULL; and the interrupt check of long loops.
 */
static inline void *
pal_alloc_array(const pal_allocator *a, size_t n, size_t size)
{
	size_t		bytes;

	if (pal_mul_size(n == 0 ? 1 : n, size, &bytes))
		return NULL;
	return a->alloc(a->ctx, bytes);
}

static inline void
pal_release(const pal_allocator *a, void *p)
{
	if (p != NULL)
		a->release(a->ctx, p);
}

static inline int
pal_interrupted(const pal_allocator *a)
{
	return a->check_interrupt != NULL && a->check_interrupt(a->ctx) != 0;
}

#endif							/* PAL_CORE_H */
