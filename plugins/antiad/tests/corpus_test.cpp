#include <catch2/catch.hpp>

#include <iostream>

#include "plugins/antiad/config.hpp"
#include "plugins/antiad/detect.hpp"
#include "plugins/antiad/tests/corpus.hpp"
#include "tests/support/fake_chat.hpp"

namespace plugins::antiad {
void register_plugin(bot::plugin_context& ctx);
}

using namespace plugins::antiad;

namespace {

struct detector {
    config cfg;
    text_rules rules{cfg.keywords, cfg.soft_keywords};
    allowlist allow{antiad_corpus::allowed_domains, {}};
    normalized n;

    std::optional<hit> check(std::string const& text) {
        normalize(text, n);
        check_options o{&allow, &cfg.off_rules, cfg.soft_threshold, false};
        return rules.check(n, o);
    }
};

bool recalled(testing::fake_chat& chat, bot::id const& message) {
    for (auto const& a : chat.actions())
        if (a.kind == "recall" && a.message_id == message) return true;
    return false;
}

}  // namespace

TEST_CASE("every ad in the corpus is caught by the text rules", "[antiad][corpus]") {
    detector d;
    std::size_t caught = 0;
    for (auto const& ad : antiad_corpus::ads) {
        auto h = d.check(ad);
        INFO(ad << " → " << d.n.compact << " | " << d.n.linkish);
        CHECK(h.has_value());
        if (h) ++caught;
    }
    std::cout << "antiad corpus: ads caught " << caught << "/" << antiad_corpus::ads.size() << "\n";
    CHECK(antiad_corpus::ads.size() >= 40);
    CHECK(caught == antiad_corpus::ads.size());
}

TEST_CASE("every ordinary line in the corpus passes the text rules", "[antiad][corpus]") {
    detector d;
    std::size_t passed = 0;
    for (auto const& line : antiad_corpus::ordinary) {
        auto h = d.check(line);
        INFO(line << " → " << (h ? h->rule + ": " + h->matched : std::string("pass")) << " | " << d.n.compact);
        CHECK_FALSE(h.has_value());
        if (!h) ++passed;
    }
    std::cout << "antiad corpus: ordinary passed " << passed << "/" << antiad_corpus::ordinary.size() << "\n";
    CHECK(antiad_corpus::ordinary.size() >= 40);
    CHECK(passed == antiad_corpus::ordinary.size());
}

TEST_CASE("in the group, every corpus ad is recalled and every ordinary line is left alone", "[antiad][corpus]") {
    testing::fake_chat chat(antiad_corpus::allow_toml, {{"antiad", &plugins::antiad::register_plugin}});
    int n = 0;
    for (auto const& ad : antiad_corpus::ads) {
        auto id = chat.user("spammer" + std::to_string(++n)).says(ad);
        INFO(ad);
        CHECK(recalled(chat, id));
    }
    chat.clear();
    auto before = chat.actions().size();
    for (auto const& line : antiad_corpus::ordinary) {
        chat.user("member" + std::to_string(++n)).says(line);
        INFO(line);
        CHECK(chat.actions().size() == before);
    }
    CHECK(chat.sent().empty());
}
