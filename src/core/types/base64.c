/*
 * base64.c
 *	  Base64 encoding and strict decoding.
 */
#include "types/base64.h"

static const char alphabet[] =
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t
pal_base64_encoded_len(size_t n)
{
	size_t		groups = n / 3 + (n % 3 != 0);

	if (groups > ((size_t) -1) / 4)
		return 0;
	return groups * 4;
}

void
pal_base64_encode(const uint8_t *src, size_t n, char *dst)
{
	size_t		i;

	for (i = 0; i + 2 < n; i += 3)
	{
		uint32_t	v = (uint32_t) src[i] << 16 | (uint32_t) src[i + 1] << 8 | src[i + 2];

		*dst++ = alphabet[v >> 18];
		*dst++ = alphabet[(v >> 12) & 63];
		*dst++ = alphabet[(v >> 6) & 63];
		*dst++ = alphabet[v & 63];
	}
	if (n - i == 1)
	{
		uint32_t	v = (uint32_t) src[i] << 16;

		*dst++ = alphabet[v >> 18];
		*dst++ = alphabet[(v >> 12) & 63];
		*dst++ = '=';
		*dst++ = '=';
	}
	else if (n - i == 2)
	{
		uint32_t	v = (uint32_t) src[i] << 16 | (uint32_t) src[i + 1] << 8;

		*dst++ = alphabet[v >> 18];
		*dst++ = alphabet[(v >> 12) & 63];
		*dst++ = alphabet[(v >> 6) & 63];
		*dst++ = '=';
	}
}

size_t
pal_base64_decoded_max(size_t len)
{
	return len / 4 * 3;
}

static int
digit(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

long
pal_base64_decode(const char *src, size_t len, uint8_t *dst)
{
	size_t		i,
				out = 0;

	if (len % 4 != 0 || len / 4 * 3 > (size_t) 0x7fffffffffffffffLL)
		return -1;
	for (i = 0; i < len; i += 4)
	{
		int			d[4],
					k,
					pad = 0;
		uint32_t	v;

		for (k = 0; k < 4; k++)
		{
			if (src[i + k] == '=' && i + 4 == len && k >= 2)
			{
				d[k] = 0;
				pad++;
				continue;
			}
			if (pad > 0 || (d[k] = digit(src[i + k])) < 0)
				return -1;
		}
		v = (uint32_t) d[0] << 18 | (uint32_t) d[1] << 12 | (uint32_t) d[2] << 6 | (uint32_t) d[3];
		/* the bits under the padding must be zero (canonical text) */
		if ((pad == 1 && (v & 0xff) != 0) || (pad == 2 && (v & 0xffff) != 0))
			return -1;
		dst[out++] = (uint8_t) (v >> 16);
		if (pad < 2)
			dst[out++] = (uint8_t) (v >> 8);
		if (pad < 1)
			dst[out++] = (uint8_t) v;
	}
	return (long) out;
}
