/*
 * fuzz_capset.c
 *	  libFuzzer target: the capset text parser, the formatter and the binary
 *	  check.  Whatever the input, parsing must not crash, and a value that
 *	  parses must format and parse back to itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "types/capset.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pal_capset	set;
	pal_capset	back;
	pal_error	err;
	char	   *buf;

	if (pal_capset_parse((const char *) data, size, &set, &err) == PAL_OK)
	{
		if (pal_capset_check(set, &err) != PAL_OK)
			abort();
		buf = malloc(pal_capset_text_length(set) + 1);
		pal_capset_format(set, buf);
		if (strlen(buf) != pal_capset_text_length(set))
			abort();
		if (pal_capset_parse(buf, strlen(buf), &back, &err) != PAL_OK || back != set)
			abort();
		free(buf);
	}
	else if (err.code == PAL_OK || err.message[0] == '\0')
		abort();				/* a failure must say why */

	/* the binary receive path: any 8 bytes are either valid or rejected */
	if (size >= 8)
	{
		uint64_t	raw;

		memcpy(&raw, data, 8);
		if (pal_capset_check(raw, &err) == PAL_OK)
		{
			buf = malloc(pal_capset_text_length(raw) + 1);
			pal_capset_format(raw, buf);
			if (pal_capset_parse(buf, strlen(buf), &back, &err) != PAL_OK || back != raw)
				abort();
			free(buf);
		}
		else if (err.code != PAL_ERR_BINARY)
			abort();
	}
	return 0;
}
