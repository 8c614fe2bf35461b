/* gen_db.c — a realistic exitview database, the same on every machine.
 *
 * usage: gen_db FILE [N [SEED]]
 *        gen_db --text BYTES [SEED [LANG]]
 *
 * The first form adds N interviews (default 10000, seed default 1) to the
 * database FILE through the store (created when missing, in a directory
 * that must be private, as exitview wants), and prints one line saying
 * what it did.  Same N and SEED give the same interviews (contents, IDs
 * and order; the created/updated/closed times are the time of the run).
 * About 90% are closed (with the report kept, as `exitview close` does),
 * the rest open and partly answered; every detail field is filled; notes
 * run from a few hundred to a few thousand characters, English for the
 * "standard" and "leader" templates and Swedish for "standard-sv"; a
 * spread of departments, roles, reasons (the template's category keys),
 * ratings and interview dates from 2018 to 2025.
 *
 * The second form prints about BYTES of note-like prose (LANG "en", the
 * default, or "sv") on standard output: the text for a big note or a paste.
 *
 * Templates and config are looked up as exitview does (config.h): run it
 * with a private HOME / XDG_CONFIG_HOME to get the built-in ones.
 *
 * Every write is its own transaction (store.h) with synchronous=FULL, so
 * on a disk 10,000 interviews take minutes of fsync; in a tmpfs (such as
 * /dev/shm) they take seconds: generate there and move the file (the
 * rollback journal leaves one file).  `make bench` does that and keeps the
 * result in build/bench/ keyed by a hash of this generator's sources.
 *
 * Used by: tests/bench/run.sh (the benchmark); the reliability tests may
 * use it as their realistic load:
 *     build/bench/gen_db "$dir/big.db" 2000 7
 * (build it with `make build/bench/gen_db`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "exitview/config.h"
#include "exitview/store_actions.h"
#include "exitview/interview.h"
#include "exitview/report.h"
#include "exitview/store.h"
#include "exitview/template.h"
#include "exitview/util.h"
#include "prose.h"

#define PICK(r, a) prng_pick((r), (a), (int)EV_ARRAY_LEN(a))

static const char *const first_en[] = {
	"Anna", "Erik", "Maria", "Johan", "Sara", "Lars", "Emma", "Oskar", "Sofia", "Karl",
	"Olivia", "James", "Priya", "Tomás", "Chloé", "Noah", "Hanna", "Mohammed", "Fatima",
	"Wei", "Grace", "Daniel", "Aisha", "Lucas", "Zoë", "Mateo", "Elif", "Ryan",
};
static const char *const first_sv[] = {
	"Åsa", "Björn", "Linnéa", "Jörgen", "Märta", "Ingrid", "Göran", "Maja", "Elsa", "Nils",
	"Astrid", "Sven", "Ebba", "Håkan", "Ylva", "Torbjörn", "Signe", "Måns", "Agnes", "Östen",
};
static const char *const last_names[] = {
	"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
	"Persson", "Svensson", "Gustafsson", "Lindström", "Öberg", "Åkesson", "Bäckström",
	"Smith", "Jones", "Taylor", "Brown", "Patel", "Nguyen", "Müller", "García",
	"Kowalski", "Okafor", "Lindqvist", "Sjögren", "Ek", "Håkansson", "Berg", "Wallin",
};
static const char *const interviewers[] = {
	"Karin Holm", "Peter Dahl", "Leila Haddad", "Ulrika Sandén", "Marcus Fors", "Jenny Åström",
};

struct dept {
	const char *name;
	int weight;
	const char *roles[4];
	const char *lead;
};
static const struct dept depts[] = {
	{ "Engineering", 24, { "Software Engineer", "Senior Software Engineer", "QA Engineer", "Site Reliability Engineer" }, "Engineering Manager" },
	{ "Sales", 14, { "Account Executive", "Sales Development Rep", "Key Account Manager", "Sales Engineer" }, "Head of Sales" },
	{ "Customer Support", 15, { "Support Agent", "Support Specialist", "Onboarding Specialist", "Support Agent" }, "Support Team Lead" },
	{ "Operations", 9, { "Operations Analyst", "Facilities Coordinator", "Planner", "Operations Analyst" }, "Operations Manager" },
	{ "Finance", 6, { "Accountant", "Financial Analyst", "Payroll Specialist", "Controller" }, "Finance Manager" },
	{ "Marketing", 8, { "Marketing Specialist", "Content Writer", "Designer", "Product Marketer" }, "Marketing Lead" },
	{ "HR", 4, { "HR Generalist", "Recruiter", "HR Coordinator", "Recruiter" }, "HR Manager" },
	{ "Logistics", 9, { "Warehouse Operator", "Logistics Coordinator", "Driver", "Warehouse Operator" }, "Warehouse Manager" },
	{ "Legal", 2, { "Legal Counsel", "Paralegal", "Compliance Officer", "Legal Counsel" }, "Head of Legal" },
	{ "Product", 7, { "Product Manager", "UX Researcher", "Product Owner", "Product Designer" }, "Head of Product" },
	{ "Kundtjänst Malmö", 5, { "Kundtjänstmedarbetare", "Kundtjänstmedarbetare", "Teamledare", "Säljare" }, "Kundtjänstchef" },
};

/* How often each reason is stated; keys not listed weigh 3. */
static int reason_weight(const char *key)
{
	static const struct { const char *k; int w; } w[] = {
		{ "career", 18 }, { "compensation", 16 }, { "manager", 12 }, { "workload", 10 },
		{ "culture", 6 }, { "role_fit", 6 }, { "job_security", 4 }, { "relocation", 5 },
		{ "commute", 4 }, { "personal", 6 }, { "studies", 3 }, { "retirement", 3 },
		{ "involuntary", 5 }, { "other", 2 }, { "direction", 6 }, { "mandate", 5 },
	};
	for (size_t i = 0; i < EV_ARRAY_LEN(w); i++)
		if (strcmp(w[i].k, key) == 0)
			return w[i].w;
	return 3;
}

static const char *pick_reason(prng *r, const interview *iv)
{
	int w[TPL_MAX_CATEGORIES];
	int n = iv->ncategories < TPL_MAX_CATEGORIES ? iv->ncategories : TPL_MAX_CATEGORIES;
	if (n == 0)
		return "";
	for (int i = 0; i < n; i++)
		w[i] = reason_weight(iv->categories[i].key);
	return iv->categories[prng_weighted(r, w, n)].key;
}

/* Civil date <-> days since 1970-01-01 (proleptic Gregorian). */
static long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, char out[11])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp + (mp < 10 ? 3 : -9);
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
	memcpy(out, tmp, 10);
	out[10] = 0;
}

/* A note length: mostly a few hundred characters, some thousands. */
static long note_length(prng *r)
{
	int k = (int)prng_range(r, 0, 99);
	if (k < 65)
		return prng_range(r, 150, 600);
	if (k < 93)
		return prng_range(r, 600, 1500);
	return prng_range(r, 1500, 4000);
}

static const char *tri(prng *r, int yes, int no)
{
	int k = (int)prng_range(r, 0, 99);
	return k < yes ? "yes" : k < yes + no ? "no" : "unknown";
}

static int set(interview *iv, const char *field, const char *value)
{
	if (interview_set_field(iv, field, value) != 0) {
		fprintf(stderr, "gen_db: %s\n", ev_lasterr());
		return -1;
	}
	return 0;
}

/* Fill one interview (number i of n) from r. */
static int fill(interview *iv, prng *r, long i, long n, bool open)
{
	bool sv = strcmp(iv->language, "sv") == 0;
	bool leader = strcmp(iv->template_name, "leader") == 0;
	char name[128], date[11], last[11], start[11];
	int dw[EV_ARRAY_LEN(depts)];
	for (size_t k = 0; k < EV_ARRAY_LEN(depts); k++)
		dw[k] = depts[k].weight;
	const struct dept *d = &depts[prng_weighted(r, dw, (int)EV_ARRAY_LEN(depts))];

	snprintf(name, sizeof name, "%s %s",
		 sv || prng_chance(r, 30) ? PICK(r, first_sv) : PICK(r, first_en), PICK(r, last_names));
	if (set(iv, "employee", name) != 0 ||
	    set(iv, "role", leader ? d->lead : d->roles[prng_range(r, 0, 3)]) != 0 ||
	    set(iv, "department", d->name) != 0)
		return -1;
	snprintf(name, sizeof name, "%s %s", PICK(r, first_en), PICK(r, last_names));
	if (set(iv, "manager", name) != 0 || set(iv, "interviewer", PICK(r, interviewers)) != 0)
		return -1;

	/* interview dates rise with i over 2018..2025 */
	long base = days_from_civil(2018, 1, 8);
	long span = days_from_civil(2025, 12, 19) - base;
	long day = base + (n > 1 ? i * span / (n - 1) : 0) + prng_range(r, 0, 3);
	civil_from_days(day, date);
	civil_from_days(day + prng_range(r, 1, 14), last);
	civil_from_days(day - prng_range(r, 90, 4500), start);
	if (set(iv, "interview-date", date) != 0 || set(iv, "last-day", last) != 0 ||
	    set(iv, "start-date", start) != 0)
		return -1;

	const char *reason = pick_reason(r, iv);
	const char *sep = strcmp(reason, "involuntary") == 0 ? "involuntary"
		: strcmp(reason, "retirement") == 0 || prng_chance(r, 3) ? "other" : "voluntary";
	const char *reason2 = prng_chance(r, 55) ? pick_reason(r, iv) : "";
	if (strcmp(reason2, reason) == 0)
		reason2 = "";
	/* stated and assessed reasons differ more often than not */
	const char *assessed = prng_chance(r, 45) ? reason : pick_reason(r, iv);
	if (set(iv, "separation", sep) != 0 || set(iv, "reason", reason) != 0 ||
	    set(iv, "reason2", reason2) != 0 || set(iv, "assessed", assessed) != 0 ||
	    set(iv, "regrettable", tri(r, 45, 40)) != 0 || set(iv, "rehire", tri(r, 70, 15)) != 0)
		return -1;
	const char *ret = tri(r, 35, 40);
	if (set(iv, "would-return", ret) != 0)
		return -1;
	strbuf sb = STRBUF_INIT;
	prose_notes(&sb, r, iv->language, prng_range(r, 40, 200));
	int rc = set(iv, "conditions", strcmp(ret, "no") == 0 ? "" : sb_str(&sb));
	sb_free(&sb);
	if (rc != 0)
		return -1;

	/* answers: open interviews stop part-way */
	int answered = open ? (int)prng_range(r, 0, iv->nquestions) : iv->nquestions;
	for (int q = 0; q < answered; q++) {
		iv_question *qq = &iv->q[q];
		if (prng_chance(r, 3)) {
			qq->skipped = true;
			continue;
		}
		strbuf nb = STRBUF_INIT;
		prose_notes(&nb, r, iv->language, note_length(r));
		free(qq->notes);
		qq->notes = sb_detach(&nb);
		/* ratings lean to the middle, lower for the reason question */
		static const int wr[5] = { 10, 20, 30, 28, 12 };
		static const int wr0[5] = { 25, 30, 25, 15, 5 };
		qq->rating = prng_chance(r, 6) ? 0 : 1 + prng_weighted(r, q == 0 ? wr0 : wr, 5);
		for (int f = 0; f < qq->nfollowups; f++)
			qq->asked[f] = prng_chance(r, 55);
	}
	if (!open || prng_chance(r, 50)) {
		strbuf ob = STRBUF_INIT;
		prose_observations(&ob, r, iv->language);
		str_set(&iv->observations, sb_str(&ob));
		sb_clear(&ob);
		prose_actions(&ob, r, iv->language);
		str_set(&iv->actions, sb_str(&ob));
		sb_free(&ob);
	}
	iv->elapsed = prng_range(r, 1200, 4500);
	if (open) {
		iv->cur_slot = answered < iv->nquestions ? answered : 0;
		iv->cur_offset = 0;
	}
	return 0;
}

/* Action items (as records): 0 to 3, due two to ten weeks after the
 * interview, a third of them done (so old open ones are overdue). */
static int add_actions(store *st, const interview *iv, prng *r)
{
	static const char *const texts[] = { "Review the pay bands", "Talk to the manager",
					     "Follow up on the workload", "Se över introduktionen",
					     "Update the job description" };
	static const char *const owners[] = { "Lena HR", "Karin Holm", "", "Peter Dahl" };
	int n = (int)prng_range(r, 0, 3);
	for (int k = 0; k < n; k++) {
		iv_action a;
		memset(&a, 0, sizeof a);
		a.interview_id = iv->id;
		a.text = (char *)PICK(r, texts);
		a.owner = (char *)PICK(r, owners);
		a.question = ACTION_NO_QUESTION;
		long base = days_from_civil(atoi(iv->interview_date), atoi(iv->interview_date + 5),
					    atoi(iv->interview_date + 8));
		civil_from_days(base + prng_range(r, 14, 70), a.due);
		if (store_action_add(st, &a) != 0 ||
		    (prng_chance(r, 33) && store_action_set_done(st, a.id, true) != 0)) {
			fprintf(stderr, "gen_db: %s\n", ev_lasterr());
			return -1;
		}
	}
	return 0;
}

static int gen_text(int argc, char **argv)
{
	long bytes = argc > 2 ? atol(argv[2]) : 0;
	uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
	const char *lang = argc > 4 ? argv[4] : "en";
	if (bytes <= 0) {
		fprintf(stderr, "usage: gen_db --text BYTES [SEED [LANG]]\n");
		return 2;
	}
	prng r;
	prng_seed(&r, seed);
	strbuf sb = STRBUF_INIT;
	prose_notes(&sb, &r, lang, bytes);
	sb_putc(&sb, '\n');
	fwrite(sb.s, 1, sb.len, stdout);
	sb_free(&sb);
	return fflush(stdout) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "--text") == 0)
		return gen_text(argc, argv);
	if (argc < 2 || argc > 4 || argv[1][0] == '-') {
		fprintf(stderr, "usage: gen_db FILE [N [SEED]]\n       gen_db --text BYTES [SEED [LANG]]\n");
		return 2;
	}
	long n = argc > 2 ? atol(argv[2]) : 10000;
	uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
	if (n < 0) {
		fprintf(stderr, "gen_db: bad count '%s'\n", argv[2]);
		return 2;
	}
	struct timeval t0, t1;
	gettimeofday(&t0, NULL);

	settings cfg;
	if (settings_load(&cfg, NULL) != 0) {
		fprintf(stderr, "gen_db: %s\n", ev_lasterr());
		settings_free(&cfg);
		return 1;
	}
	static const char *const tnames[] = { "standard", "standard-sv", "leader" };
	static const int tweights[] = { 55, 30, 15 };
	template *tpl[3];
	for (int k = 0; k < 3; k++) {
		if (!(tpl[k] = template_find(&cfg, tnames[k]))) {
			fprintf(stderr, "gen_db: %s\n", ev_lasterr());
			return 1;
		}
	}
	store *st = store_open(argv[1], STORE_CREATE, false);
	if (!st) {
		fprintf(stderr, "gen_db: %s\n", ev_lasterr());
		return 1;
	}
	prng r;
	prng_seed(&r, seed);
	long nclosed = 0;
	int rc = 0;
	for (long i = 0; i < n && rc == 0; i++) {
		/* the most recent interviews are more often still open */
		bool open = prng_chance(&r, i >= n - n / 50 ? 60 : 6) != 0;
		interview *iv = interview_new(tpl[prng_weighted(&r, tweights, 3)]);
		if (fill(iv, &r, i, n, open) != 0) {
			rc = 1;
		} else if (store_create(st, iv) != 0) {
			fprintf(stderr, "gen_db: %s\n", ev_lasterr());
			rc = 1;
		} else if (add_actions(st, iv, &r) != 0) {
			rc = 1;
		} else if (!open) {
			/* as exitview close does: the report of the closed interview */
			iv->closed = true;
			iv->closed_at = (int64_t)time(NULL);
			char *report = report_render(iv);
			if (store_close_interview(st, iv->id, iv->closed_at, report) != 0) {
				fprintf(stderr, "gen_db: %s\n", ev_lasterr());
				rc = 1;
			}
			free(report);
			nclosed++;
		} else if (iv->cur_slot != 0 &&
			   store_save_position(st, iv->id, iv->cur_slot, 0, iv->elapsed) != 0) {
			fprintf(stderr, "gen_db: %s\n", ev_lasterr());
			rc = 1;
		}
		interview_free(iv);
	}
	store_close(st);
	for (int k = 0; k < 3; k++)
		template_free(tpl[k]);
	settings_free(&cfg);
	if (rc != 0)
		return rc;
	gettimeofday(&t1, NULL);
	printf("gen_db: %ld interviews (%ld closed, %ld open) added to %s in %.1f s\n", n, nclosed,
	       n - nclosed, argv[1], (t1.tv_sec - t0.tv_sec) + (t1.tv_usec - t0.tv_usec) / 1e6);
	return 0;
}
