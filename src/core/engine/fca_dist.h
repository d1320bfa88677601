/*
 * fca_dist.h
 *	  The distributable form of the floating-catchment methods.
 *
 * Step 1 of every method is a sum over demand rows of per-facility terms;
 * step 2 is a function of one demand row given the facility ratios.  Three
 * values let SQL run the steps anywhere: in PostgreSQL's parallel workers,
 * on Citus workers, in any order and grouping of the demand rows.
 *
 *	 pal_supply  (SQL type palliative.prepared_supply) the supply side: the
 *				 decay, and every facility's id, point and capacity, with a
 *				 fingerprint of all of it.  Built once; each backend builds
 *				 its spatial index from it once per query.
 *	 pal_part	 (palliative.fca_part) what one demand row adds to the step-1
 *				 sums: the facilities in its catchment and its terms.
 *	 pal_sums	 (palliative.fca_sums) step-1 sums over any set of demand
 *				 rows: per facility the weighted demand and, for bfca, the
 *				 total weight; dense, or sparse when most are 0.  O(facilities).
 *
 * Parts and sums carry the fingerprint of the supply they were computed
 * against and the method, so that sums of different supplies or methods are
 * never added, and step 2 never uses sums of another supply.  They also carry
 * the SRID of the demand rows, so that rows mixing SRIDs are refused.
 *
 * In memory each value is one block starting with a 4-byte varlena header
 * (set by the server, never read here), its fields in host order.  The
 * external form (binary send/receive, and what the text form encodes) is the
 * same fields after the header in little-endian order; pal_*_decode checks
 * every field of it, so values from other backends and nodes are validated
 * before use.  Fingerprints and hashes are computed from field values, the
 * same on every host.
 */
#ifndef PAL_FCA_DIST_H
#define PAL_FCA_DIST_H

#include "pal_core.h"
#include "engine/fca.h"
#include "types/decay.h"

#define PAL_DIST_VERSION	1

/* ---- prepared supply ---------------------------------------------------- */

typedef struct pal_supply
{
	int32_t		vl_len_;		/* varlena header (server only) */
	uint32_t	magic;
	uint16_t	version;
	uint16_t	flags;			/* 0 */
	int32_t		srid;			/* SRID of the supply points */
	uint32_t	n;				/* facilities */
	uint32_t	decay_size;		/* bytes of the decay that follows */
	uint64_t	fingerprint;	/* of everything but the header word */
	/* then the decay, then id[n], lon[n], lat[n], capacity[n] */
} pal_supply;

/*
 * Build from checked points (ids unique, coordinates in range, capacities
 * finite and not negative: the caller's reader has checked them; they are
 * checked again here) and the decay.  A travel-time decay is PAL_ERR_VALUE:
 * the distributable form measures great-circle distances.
 */
extern pal_status pal_supply_build(const pal_points *pts, int32_t srid,
								   const pal_decay *decay,
								   const pal_allocator *alloc,
								   pal_supply **out, pal_error *err);

/* bytes of the in-memory value */
extern size_t pal_supply_size(const pal_supply *s);

/* the decay inside (its header word is 0) and a view of the points */
extern const pal_decay *pal_supply_decay(const pal_supply *s);
extern void pal_supply_points(const pal_supply *s, pal_points *pts);

/*
 * PAL_ERR_VALUE unless decay gives the weights the supply was prepared
 * for (pal_decay_equal); the message names both decays.
 */
extern pal_status pal_supply_check_decay(const pal_supply *s,
										 const pal_decay *decay,
										 pal_error *err);

/* external form: its size, and writing it to buf */
extern size_t pal_supply_encoded_size(const pal_supply *s);
extern void pal_supply_encode(const pal_supply *s, uint8_t *buf);

/*
 * Read and check an external form of len bytes: PAL_ERR_BINARY naming what
 * is wrong (size, version, decay, a point, a capacity, a duplicate id, the
 * fingerprint).
 */
extern pal_status pal_supply_decode(const uint8_t *buf, size_t len,
									const pal_allocator *alloc,
									pal_supply **out, pal_error *err);

/* ---- one demand row's part ---------------------------------------------- */

typedef struct pal_part
{
	int32_t		vl_len_;		/* varlena header (server only) */
	uint32_t	magic;
	uint8_t		version;
	uint8_t		method;
	uint16_t	flags;			/* 0 */
	int32_t		srid;			/* SRID of the demand row */
	uint32_t	nfac;			/* facilities of the supply */
	uint32_t	npairs;			/* facilities in the row's catchment */
	int64_t		demand_id;
	uint64_t	supply_fp;
	/* then row[npairs] (uint32, padded to 8 bytes), wd[npairs], bfca: wt[npairs] */
} pal_part;

/*
 * The part of the demand row (id, srid, lon, lat, weight) against the supply
 * s, whose engine f (created over s's points with the method) finds the
 * catchment.  The caller has checked the row.
 */
extern pal_status pal_part_build(pal_fca *f, const pal_supply *s, int method,
								 int64_t id, int32_t srid, double lon,
								 double lat, double weight,
								 const pal_allocator *alloc, pal_part **out,
								 pal_error *err);
extern size_t pal_part_size(const pal_part *p);
extern const uint32_t *pal_part_rows(const pal_part *p);
extern const double *pal_part_wd(const pal_part *p);
extern const double *pal_part_wt(const pal_part *p);	/* NULL unless bfca */

extern size_t pal_part_encoded_size(const pal_part *p);
extern void pal_part_encode(const pal_part *p, uint8_t *buf);
extern pal_status pal_part_decode(const uint8_t *buf, size_t len,
								  const pal_allocator *alloc, pal_part **out,
								  pal_error *err);

/* ---- step-1 sums -------------------------------------------------------- */

typedef struct pal_sums
{
	int32_t		vl_len_;		/* varlena header (server only) */
	uint32_t	magic;
	uint8_t		version;
	uint8_t		method;
	uint8_t		sparse;			/* 1: idx[] names the facilities stored */
	uint8_t		flags;			/* 0 */
	int32_t		srid;			/* of the demand rows; 0 before any row */
	uint32_t	nfac;
	uint32_t	nnz;			/* facilities stored (nfac when dense) */
	uint64_t	supply_fp;
	uint64_t	rows;			/* demand rows summed */
	uint64_t	hash;			/* of the fields and values, for identity */
	/* then sparse: idx[nnz] (uint32, padded to 8); wd[nnz]; bfca: wt[nnz] */
} pal_sums;

/*
 * A working value (flags PAL_SUMS_WORKING) is what the aggregate adds to in
 * place: dense, its hash not computed.  It is never stored or sent: the
 * final function and the output functions finalize it (dense or sparse,
 * whichever is smaller, with its hash), and the decoders accept only final
 * values.
 */
#define PAL_SUMS_WORKING	0x01

extern size_t pal_sums_working_size(int method, uint32_t nfac);
extern void pal_sums_working_init(pal_sums *w, int method, uint32_t nfac,
								  uint64_t supply_fp);

/*
 * Add a part, or other sums (the combine step), to the working value w.
 * PAL_ERR_VALUE when they come from another prepared supply or method, or
 * from demand rows of another SRID; w is then unchanged.
 */
extern pal_status pal_sums_add_part(pal_sums *w, const pal_part *p,
									pal_error *err);
extern pal_status pal_sums_add_sums(pal_sums *w, const pal_sums *s,
									pal_error *err);

/* the final value of a working or final value: its size, and writing it */
extern size_t pal_sums_final_size(const pal_sums *s);
extern void pal_sums_finalize(const pal_sums *s, pal_sums *out);

extern size_t pal_sums_size(const pal_sums *s);

/* dense copies of the stored values (wt may be NULL) */
extern void pal_sums_dense(const pal_sums *s, double *wd, double *wt);

/*
 * Step 2 uses sums s with supply sup and method: PAL_ERR_VALUE when s was
 * computed against another supply or for another method.
 */
extern pal_status pal_sums_check_use(const pal_sums *s, const pal_supply *sup,
									 int method, pal_error *err);

extern size_t pal_sums_encoded_size(const pal_sums *s);
extern void pal_sums_encode(const pal_sums *s, uint8_t *buf);
extern pal_status pal_sums_decode(const uint8_t *buf, size_t len,
								  const pal_allocator *alloc, pal_sums **out,
								  pal_error *err);

#endif							/* PAL_FCA_DIST_H */
