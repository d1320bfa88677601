/*
 * pal_core.c
 *	  Error reporting and allocation helpers of the core library.
 */
#include "pal_core.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *
malloc_alloc(void *ctx, size_t size)
{
	(void) ctx;
	return malloc(size == 0 ? 1 : size);
}

static void
malloc_release(void *ctx, void *ptr)
{
	(void) ctx;
	free(ptr);
}

const pal_allocator pal_malloc_allocator = {
	malloc_alloc, malloc_release, NULL, NULL
};

void
pal_error_clear(pal_error *err)
{
	if (err == NULL)
		return;
	err->code = PAL_OK;
	err->message[0] = '\0';
	err->detail[0] = '\0';
	err->hint[0] = '\0';
}

pal_status
pal_error_set(pal_error *err, pal_status code, const char *fmt,...)
{
	va_list		ap;

	if (err == NULL)
		return code;
	pal_error_clear(err);
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return code;
}

pal_status
pal_error_interrupted(pal_error *err)
{
	return pal_error_set(err, PAL_ERR_INTERRUPTED, "canceling statement due to user request");
}

pal_status
pal_error_nomem(pal_error *err)
{
	return pal_error_set(err, PAL_ERR_NOMEM, "out of memory");
}

void
pal_error_detail(pal_error *err, const char *fmt,...)
{
	va_list		ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
}

void
pal_error_hint(pal_error *err, const char *fmt,...)
{
	va_list		ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(err->hint, sizeof(err->hint), fmt, ap);
	va_end(ap);
}

void
pal_quote_prefix(char *dst, size_t dstlen, const char *s, size_t len,
				 size_t maxlen)
{
	size_t		n = len;
	int			cut = 0;

	if (dstlen == 0)
		return;
	if (n > maxlen)
	{
		n = maxlen;
		/* back up to the start of a UTF-8 character */
		while (n > 0 && (((unsigned char) s[n]) & 0xC0) == 0x80)
			n--;
		cut = 1;
	}
	if (n + 4 > dstlen)
	{
		n = dstlen > 4 ? dstlen - 4 : 0;
		while (n > 0 && (((unsigned char) s[n]) & 0xC0) == 0x80)
			n--;
		cut = 1;
	}
	memcpy(dst, s, n);
	if (cut)
	{
		memcpy(dst + n, "...", 3);
		n += 3;
	}
	dst[n] = '\0';
}
