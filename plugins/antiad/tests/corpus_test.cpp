#include <catch2/catch.hpp>

#include <fstream>
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

/// One corpus line: one message, or two consecutive messages of one member written "a ⏎ b".
using line = std::vector<std::string>;

std::vector<line> load(std::string const& name) {
    std::ifstream in(name.starts_with("/") ? name : std::string(QUNBOT_ANTIAD_CORPUS) + "/" + name);
    REQUIRE(in.good());
    std::vector<line> out;
    std::string text;
    while (std::getline(in, text)) {
        if (text.empty() || text.front() == '#') continue;
        line parts;
        std::string const mark = " \u23CE ";
        std::size_t at = 0;
        for (auto p = text.find(mark); p != std::string::npos; p = text.find(mark, at)) {
            parts.push_back(text.substr(at, p - at));
            at = p + mark.size();
        }
        parts.push_back(text.substr(at));
        out.push_back(std::move(parts));
    }
    return out;
}

std::vector<line> lines_of(std::vector<std::string> const& texts) {
    std::vector<line> out;
    for (auto const& t : texts) out.push_back({t});
    return out;
}

std::string shown(line const& l) {
    std::string out;
    for (auto const& p : l) out += (out.empty() ? "" : " ⏎ ") + p;
    return out;
}

struct detector {
    config cfg;
    text_rules rules{cfg.keywords, cfg.soft_keywords};
    allowlist allow{antiad_corpus::allowed_domains, {}};
    normalized n;

    /// What the text rules do with a line: each message alone, then a contact split across them.
    std::optional<hit> check(line const& l) {
        check_options o{&allow, &cfg.off_rules, cfg.threshold, false};
        for (std::size_t i = 0; i < l.size(); ++i) {
            normalize(l[i], n);
            if (auto h = rules.check(n, o)) return h;
            if (i > 0)
                if (auto h = rules.check_across(l[i - 1], l[i], o)) return h;
        }
        return std::nullopt;
    }
};

void expect_caught(std::vector<line> const& ads, std::string const& name) {
    detector d;
    std::size_t caught = 0;
    for (auto const& ad : ads) {
        auto h = d.check(ad);
        INFO(shown(ad) << " → " << d.n.spaced);
        CHECK(h.has_value());
        if (h) ++caught;
    }
    std::cout << "antiad corpus " << name << ": caught " << caught << "/" << ads.size() << "\n";
    CHECK(caught == ads.size());
}

void expect_passed(std::vector<line> const& lines, std::string const& name) {
    detector d;
    std::size_t passed = 0;
    for (auto const& l : lines) {
        auto h = d.check(l);
        INFO(shown(l) << " → " << (h ? h->rule + ": " + h->matched + " [" + h->why + "]" : std::string("pass")) << " | "
                      << d.n.spaced);
        CHECK_FALSE(h.has_value());
        if (!h) ++passed;
    }
    std::cout << "antiad corpus " << name << ": passed " << passed << "/" << lines.size() << "\n";
    CHECK(passed == lines.size());
}

/// Recalls, mutes and kicks so far.
std::size_t punished(testing::fake_chat& chat) {
    std::size_t n = 0;
    for (auto const& a : chat.actions())
        if (a.kind == "recall" || a.kind == "mute" || a.kind == "kick") ++n;
    return n;
}

bool recalled(testing::fake_chat& chat, bot::id const& message) {
    for (auto const& a : chat.actions())
        if (a.kind == "recall" && a.message_id == message) return true;
    return false;
}

}  // namespace

TEST_CASE("the corpora are as large as promised", "[antiad][corpus]") {
    CHECK(load("ads.txt").size() >= 300);
    CHECK(load("ordinary.txt").size() >= 300);
    CHECK(load("holdout_ads.txt").size() >= 100);
    CHECK(load("holdout_ordinary.txt").size() >= 100);
}

TEST_CASE("every ad in the corpora is caught by the text rules", "[antiad][corpus]") {
    expect_caught(load("ads.txt"), "ads.txt");
    expect_caught(load("holdout_ads.txt"), "holdout_ads.txt");
    expect_caught(lines_of(antiad_corpus::ads), "corpus.hpp ads");
}

TEST_CASE("every ordinary line in the corpora passes the text rules", "[antiad][corpus]") {
    expect_passed(load("ordinary.txt"), "ordinary.txt");
    expect_passed(load("holdout_ordinary.txt"), "holdout_ordinary.txt");
    expect_passed(lines_of(antiad_corpus::ordinary), "corpus.hpp ordinary");
}

TEST_CASE("in the group, every corpus ad is recalled and every ordinary line is left alone", "[antiad][corpus]") {
    testing::fake_chat chat(antiad_corpus::allow_toml, {{"antiad", &plugins::antiad::register_plugin}});
    int n = 0;
    std::size_t caught = 0;
    std::size_t ads = 0;
    for (auto const* file : {"ads.txt", "holdout_ads.txt"}) {
        for (auto const& ad : load(file)) {
            auto member = chat.user("spammer" + std::to_string(++n));
            bool any = false;
            for (auto const& part : ad) any = recalled(chat, member.says(part)) || any;
            INFO(shown(ad));
            CHECK(any);
            ++ads;
            if (any) ++caught;
        }
    }
    std::cout << "antiad corpus through the middleware: caught " << caught << "/" << ads << "\n";
    chat.clear();
    std::size_t lines = 0;
    std::size_t passed = 0;
    for (auto const* file : {"ordinary.txt", "holdout_ordinary.txt"}) {
        for (auto const& l : load(file)) {
            auto before = punished(chat);
            auto member = chat.user("member" + std::to_string(++n));
            for (auto const& part : l) member.says(part);
            INFO(shown(l));
            CHECK(punished(chat) == before);
            ++lines;
            if (punished(chat) == before) ++passed;
        }
    }
    std::cout << "antiad corpus through the middleware: passed " << passed << "/" << lines << "\n";
    // Nothing in the group but the answers to the commands among the lines: no warning, no notice.
    for (auto const& m : chat.sent()) CHECK(m.find("请不要发广告") == std::string::npos);
}

TEST_CASE("what the text rules read in ANTIAD_EXPLAIN", "[.explain]") {
    detector d;
    auto const* text = std::getenv("ANTIAD_EXPLAIN");
    REQUIRE(text);
    normalize(text, d.n);
    check_options o{&d.allow, &d.cfg.off_rules, d.cfg.threshold, false};
    auto a = d.rules.assess(d.n, o);
    std::cout << "spaced: " << d.n.spaced << "\ncompact: " << d.n.compact << "\nscore " << a.score() << "\n";
    for (auto const& s : a.signals) std::cout << "  " << s.rule << " +" << s.weight << " " << s.matched << "\n";
}

TEST_CASE("a corpus of your own: ANTIAD_CORPUS_DIR/ads.txt and ordinary.txt", "[.own]") {
    auto const* dir = std::getenv("ANTIAD_CORPUS_DIR");
    REQUIRE(dir);
    expect_caught(load(std::string(dir) + "/ads.txt"), "ads.txt");
    expect_passed(load(std::string(dir) + "/ordinary.txt"), "ordinary.txt");
}
