/* test_i18n.c — the catalogue beside the build is found, the language is
 * switched, and a yes-or-no question takes the language's own letter. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/i18n.h"
#include "unit.h"

TEST(catalogue_beside_the_build)
{
	/* build/tests/test_i18n: the catalogue is build/locale */
	const char *dir = i18n_init(NULL, "/nonexistent/locale");
	CHECK(dir && strstr(dir, "/build/locale") != NULL);
	CHECK(i18n_set_language("sv") == 0);
	CHECK_STR(i18n_language(), "sv");
	CHECK_STR(_("Space"), "Blanksteg");
	CHECK_STR(_("Up, Down"), "Upp, Ned");
	CHECK(i18n_set_language("fi") == -1);
	CHECK_STR(i18n_language(), "sv");
}

TEST(yes_in_swedish_and_english)
{
	CHECK(i18n_set_language("sv") == 0);
	CHECK(i18n_yes('j'));
	CHECK(i18n_yes('J'));
	CHECK(i18n_yes('y'));
	CHECK(i18n_yes('Y'));
	CHECK(!i18n_yes('n'));
	CHECK(!i18n_yes(0x1b));
	CHECK(i18n_set_language("en") == 0);
	CHECK_STR(_("Space"), "Space");
	CHECK(i18n_yes('y'));
	CHECK(!i18n_yes('j'));
	CHECK(!i18n_yes('J'));
}

/* A report switches to its interview's language and back, in one
 * process: what was looked up in one language is not kept for the other
 * (a Swedish reader closing an English interview, then a Swedish one). */
TEST(switch_and_back)
{
	CHECK(i18n_set_language("sv") == 0);
	CHECK_STR(_("Action items"), "Åtgärder");
	i18n_begin("en");
	CHECK_STR(_("Action items"), "Action items");
	CHECK_STR(i18n_language(), "en");
	i18n_end();
	CHECK_STR(_("Action items"), "Åtgärder");
	CHECK(i18n_set_language("en") == 0);
	CHECK_STR(_("Action items"), "Action items");
	i18n_begin("sv");
	CHECK_STR(_("Action items"), "Åtgärder");
	i18n_end();
	CHECK_STR(_("Action items"), "Action items");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	unsetenv("LANGUAGE");
	RUN(catalogue_beside_the_build);
	RUN(yes_in_swedish_and_english);
	RUN(switch_and_back);
	return unit_done();
}
