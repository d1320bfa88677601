/*
 * capset_vocab.c
 *	  The capability vocabulary.  One row per capability, indexed by bit.
 *
 * The table palliative.capability is filled from this array at install time,
 * so SQL and C cannot disagree.  Extend at the end; never renumber.
 */
#include "types/capset.h"

#define S "service"
#define D "designation"
#define T "staff"
#define M "medication"

const pal_capability pal_capabilities[] = {
	{"pcu", CAP_PCU, S, "緩和ケア病棟", "palliative care unit",
	"Has a palliative care unit (inpatient ward dedicated to palliative care)."},
	{"palliative_team", CAP_PALLIATIVE_TEAM, S, "緩和ケアチーム", "palliative care team",
	"Has a hospital palliative care consultation team."},
	{"palliative_outpatient", CAP_PALLIATIVE_OUTPATIENT, S, "緩和ケア外来", "palliative care outpatient clinic",
	"Runs a palliative care outpatient clinic."},
	{"ltc_ward", CAP_LTC_WARD, S, "療養病棟", "long-term-care ward",
	"Has long-term-care beds (ryoyo byoto)."},
	{"home_visit", CAP_HOME_VISIT, S, "訪問診療", "physician home visits",
	"Physicians make scheduled home visits."},
	{"home_visit_24h", CAP_HOME_VISIT_24H, S, "24時間往診・訪問体制", "home visits around the clock",
	"Can visit patients at home 24 hours a day, 7 days a week."},
	{"home_nursing", CAP_HOME_NURSING, S, "訪問看護", "home-visit nursing",
	"Provides home-visit nursing."},
	{"respite", CAP_RESPITE, S, "レスパイト入院の受け入れ", "respite admission",
	"Takes patients in temporarily to relieve carers (respite)."},
	{"end_of_life_care", CAP_END_OF_LIFE_CARE, S, "看取り", "end-of-life care",
	"Cares for patients through death (mitori)."},
	{"pediatric_palliative", CAP_PEDIATRIC_PALLIATIVE, S, "小児緩和ケア", "pediatric palliative care",
	"Provides palliative care for children."},
	{"aya_support", CAP_AYA_SUPPORT, S, "AYA世代がん患者の支援", "adolescent and young adult support",
	"Supports adolescent and young adult (AYA) cancer patients."},
	{"palliative_radiotherapy", CAP_PALLIATIVE_RADIOTHERAPY, S, "緩和的放射線治療", "palliative radiotherapy",
	"Gives palliative radiotherapy, e.g. for painful bone metastases."},
	{"nerve_block", CAP_NERVE_BLOCK, S, "神経ブロック", "nerve block",
	"Performs nerve blocks for cancer pain."},
	{"cancer_rehab", CAP_CANCER_REHAB, S, "がんのリハビリテーション", "cancer rehabilitation",
	"Has cancer rehabilitation staff."},
	{"consultation_desk", CAP_CONSULTATION_DESK, S, "相談窓口", "consultation desk",
	"Has a desk where patients and families can ask about palliative care."},
	{"cancer_consultation_center", CAP_CANCER_CONSULTATION_CENTER, S, "がん相談支援センター", "cancer information and support center",
	"Runs a cancer information and support center."},
	{"care_facility_liaison", CAP_CARE_FACILITY_LIAISON, S, "介護施設との連携", "liaison with nursing-care facilities",
	"Cooperates with nursing-care facilities on treatment, palliative and end-of-life care."},
	{"cancer_base_prefectural", CAP_CANCER_BASE_PREFECTURAL, D, "都道府県がん診療連携拠点病院", "prefectural cancer-care base hospital",
	"Designated prefectural cancer-care base hospital."},
	{"cancer_base_regional", CAP_CANCER_BASE_REGIONAL, D, "地域がん診療連携拠点病院", "regional cancer-care base hospital",
	"Designated regional cancer-care base hospital."},
	{"cancer_regional_hospital", CAP_CANCER_REGIONAL_HOSPITAL, D, "地域がん診療病院", "regional cancer-care hospital",
	"Designated regional cancer-care hospital."},
	{"home_care_support", CAP_HOME_CARE_SUPPORT, D, "在宅療養支援診療所・病院", "home-care support clinic or hospital",
	"Designated home-care support clinic or hospital."},
	{"home_care_support_enhanced", CAP_HOME_CARE_SUPPORT_ENHANCED, D, "機能強化型在宅療養支援診療所・病院", "enhanced home-care support clinic or hospital",
	"Designated home-care support clinic or hospital of the enhanced (kino kyoka) type."},
	{"palliative_specialist", CAP_PALLIATIVE_SPECIALIST, T, "緩和医療専門医", "palliative medicine specialist",
	"Has a board-certified palliative medicine specialist."},
	{"palliative_physician", CAP_PALLIATIVE_PHYSICIAN, T, "緩和ケア病棟・緩和ケアチームの医師", "palliative care physician",
	"Has a physician of a palliative care unit or team, including past experience."},
	{"opioid_skilled_physician", CAP_OPIOID_SKILLED_PHYSICIAN, T, "オピオイドの処方に習熟した医師", "physician skilled in opioid prescribing",
	"Has a physician who is not a palliative specialist but is skilled at prescribing opioids."},
	{"certified_palliative_nurse", CAP_CERTIFIED_PALLIATIVE_NURSE, T, "緩和ケア・がん看護の認定・専門看護師", "certified palliative or cancer nurse",
	"Has a certified or specialist nurse in palliative or cancer nursing."},
	{"pcu_experienced_nurse", CAP_PCU_EXPERIENCED_NURSE, T, "緩和ケア病棟勤務経験のある看護師", "nurse with PCU experience",
	"Has a nurse who has worked in a palliative care unit."},
	{"palliative_pharmacist", CAP_PALLIATIVE_PHARMACIST, T, "緩和薬物療法認定薬剤師", "palliative pharmacotherapy pharmacist",
	"Has a pharmacist certified in palliative pharmacotherapy."},
	{"regional_coordinator", CAP_REGIONAL_COORDINATOR, T, "地域緩和ケア連携調整員", "regional palliative care coordinator",
	"Has staff trained as regional palliative care coordinators."},
	{"opioid_storage", CAP_OPIOID_STORAGE, M, "病棟での麻薬保管", "narcotics storage on the ward",
	"Stores narcotics on the ward."},
	{"opioid_storage_shared", CAP_OPIOID_STORAGE_SHARED, M, "他部署と共用の麻薬保管", "narcotics storage shared with another department",
	"Stores narcotics in a store shared with another department."},
	{"opioid_use", CAP_OPIOID_USE, M, "オピオイドの使用", "opioids usable",
	"Opioids can be used (at least some kinds, routes or times)."},
	{"opioid_all_kinds", CAP_OPIOID_ALL_KINDS, M, "オピオイドの種類の制限なし", "all kinds of opioid",
	"No restriction on the kinds of opioid that can be used."},
	{"opioid_all_routes", CAP_OPIOID_ALL_ROUTES, M, "オピオイドの投与経路・時間の制限なし", "all routes and times of opioid use",
	"No restriction on the route or timing of opioid administration."},
	{"narcotics_retail_license", CAP_NARCOTICS_RETAIL_LICENSE, M, "麻薬小売業者免許", "narcotics retail license",
	"Pharmacy licensed to dispense narcotics."},
	{"pharmacy_home_visit", CAP_PHARMACY_HOME_VISIT, M, "薬局の訪問薬剤管理指導", "pharmacy home visits",
	"Pharmacists visit patients at home to dispense and manage medication."},
	{"sterile_compounding", CAP_STERILE_COMPOUNDING, M, "無菌調剤", "sterile compounding",
	"Can compound sterile preparations (e.g. for continuous subcutaneous infusion)."},
};

const int	pal_ncapabilities = (int) (sizeof(pal_capabilities) / sizeof(pal_capabilities[0]));

/* the enum and the array must agree */
typedef char pal_vocab_size_check[(sizeof(pal_capabilities) / sizeof(pal_capabilities[0]) == CAP__COUNT && CAP__COUNT <= 64) ? 1 : -1];
