// A poll's results as members read them: a text bar per option scaled to the leading one.
#include <fmt/format.h>

#include <algorithm>

#include "bot/display.hpp"
#include "plugins/poll/glue.hpp"
#include "plugins/poll/rules.hpp"

namespace plugins::poll {

namespace {

/// How many voters' names a named poll lists under an option before "等 N 人".
constexpr std::size_t names_shown = 20;

}  // namespace

std::string kind_text(state& st, bot::group_ref const& g, poll_row const& p) {
    return st.text(g, p.multi ? "kind_multi" : "kind_single") + "·" + st.text(g, p.anon ? "kind_anon" : "kind_named");
}

std::string results_text(state& st, bot::group_ref const& g, poll_row const& p) {
    auto ballots = st.repo.ballots(p.id);
    std::vector<std::vector<int>> choices;
    for (auto const& b : ballots) choices.push_back(b.choices);
    auto n = static_cast<int>(p.options.size());
    auto counts = tally(n, choices);
    int max = counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
    auto width = st.cfg(g).bar_width;
    std::string lines;
    for (int i = 0; i < n; ++i) {
        auto idx = static_cast<std::size_t>(i);
        lines += fmt::format("\n{}. {} {}", i + 1, p.options[idx], render_bar(counts[idx], max, width));
        if (p.anon) continue;
        std::string names;
        std::size_t listed = 0, total = 0;
        for (auto const& b : ballots) {
            if (std::find(b.choices.begin(), b.choices.end(), i + 1) == b.choices.end()) continue;
            if (listed++ < names_shown) names += (names.empty() ? "" : "、") + bot::shown_name(b.name);
            ++total;
        }
        if (total > names_shown) names += st.text(g, "more_names", {{"count", static_cast<int>(total)}});
        if (!names.empty()) lines += "\n   " + names;
    }
    bool closed = p.closed_at || p.deadline <= st.now();
    bot::text_args args{{"num", p.num},
                        {"question", p.question},
                        {"lines", lines.empty() ? lines : lines.substr(1)},
                        {"voters", static_cast<int>(ballots.size())},
                        {"kind", kind_text(st, g, p)},
                        {"status", closed ? st.text(g, "status_closed")
                                          : st.text(g, "status_open", {{"deadline", st.when(g, p.deadline)}})}};
    return st.text(g, "results", args);
}

}  // namespace plugins::poll
