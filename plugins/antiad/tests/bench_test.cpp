// A micro-benchmark of the per-message cost of the text layers on ordinary chat and on ads.
// Hidden from the normal run: `plugin_antiad_tests "[.bench]"`. It prints numbers and asserts
// nothing about time.
#include <catch2/catch.hpp>

#include <chrono>
#include <iostream>

#include "plugins/antiad/behaviour.hpp"
#include "plugins/antiad/config.hpp"
#include "plugins/antiad/detect.hpp"
#include "plugins/antiad/tests/corpus.hpp"

using namespace plugins::antiad;

namespace {

double per_second(std::vector<std::string> const& lines, int rounds, bool with_behaviour) {
    config cfg;
    text_rules rules(cfg.keywords, cfg.soft_keywords);
    allowlist allow{antiad_corpus::allowed_domains, {}};
    check_options o{&allow, &cfg.off_rules, cfg.threshold, false};
    behaviour b;
    behaviour_limits l;
    normalized n;
    std::size_t hits = 0;
    auto start = std::chrono::steady_clock::now();
    std::int64_t now = 0;
    for (int r = 0; r < rounds; ++r) {
        for (std::size_t i = 0; i < lines.size(); ++i) {
            normalize(lines[i], n);
            if (rules.check(n, o)) ++hits;
            if (with_behaviour && b.record(i * 7919 + static_cast<std::uint64_t>(r % 50), 1, n.compact,
                                           n.scratch_compact.size(), now++ / 100, l))
                ++hits;
        }
    }
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    (void)hits;
    return static_cast<double>(lines.size()) * rounds / took.count();
}

}  // namespace

TEST_CASE("text layer throughput", "[.bench][antiad]") {
    std::vector<std::string> chat_lines{"哈哈哈",
                                        "好的",
                                        "收到，谢谢",
                                        "明天见",
                                        "今天打卡第 100 天 💪",
                                        "大家早上好！今天天气不错",
                                        "ok thanks",
                                        "👍",
                                        "我也觉得",
                                        "Good morning everyone"};
    std::cout << "ordinary short chat: " << per_second(chat_lines, 20000, false) << " msgs/s\n";
    std::cout << "ordinary short chat + behaviour: " << per_second(chat_lines, 20000, true) << " msgs/s\n";
    std::cout << "ordinary corpus: " << per_second(antiad_corpus::ordinary, 2000, false) << " msgs/s\n";
    std::cout << "ad corpus: " << per_second(antiad_corpus::ads, 2000, false) << " msgs/s\n";
}
