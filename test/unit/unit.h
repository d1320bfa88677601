/*
 * unit.h
 *	  Common includes of the C unit tests of src/core (cmocka).
 */
#ifndef PAL_UNIT_H
#define PAL_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pal_core.h"

#endif
