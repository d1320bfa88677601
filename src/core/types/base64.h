/*
 * base64.h
 *	  Base64 (RFC 4648, with padding, no line breaks): the text form of the
 *	  distributable form's values, whose binary form is bytes.
 */
#ifndef PAL_BASE64_H
#define PAL_BASE64_H

#include <stddef.h>
#include <stdint.h>

/* characters needed for n bytes (without a terminator); 0 on overflow */
extern size_t pal_base64_encoded_len(size_t n);

/* write the text of src[0..n) to dst (pal_base64_encoded_len(n) chars) */
extern void pal_base64_encode(const uint8_t *src, size_t n, char *dst);

/* bytes that len characters decode to at most */
extern size_t pal_base64_decoded_max(size_t len);

/*
 * Decode len characters into dst (room for pal_base64_decoded_max(len));
 * returns the number of bytes, or -1 when the text is not canonical base64
 * (wrong length, a character outside the alphabet, misplaced or non-zero
 * padding bits).
 */
extern long pal_base64_decode(const char *src, size_t len, uint8_t *dst);

#endif							/* PAL_BASE64_H */
