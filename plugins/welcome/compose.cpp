#include "plugins/welcome/compose.hpp"

#include "plugins/welcome/intake.hpp"

namespace plugins::welcome {

namespace {

// Markers use a control character that bot::shown_name removes from names, so a member cannot forge one.
constexpr char marker_char = '\x01';

}  // namespace

std::string mention_marker(std::size_t i) {
    return std::string(1, marker_char) + std::to_string(i) + std::string(1, marker_char);
}

std::string mention_markers(std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) out += (i ? "、" : "") + mention_marker(i);
    return out;
}

bot::message splice_mentions(std::string_view rendered, std::vector<mention> const& people) {
    bot::message m;
    std::string pending;
    for (std::size_t i = 0; i < rendered.size(); ++i) {
        if (rendered[i] == marker_char) {
            auto close = rendered.find(marker_char, i + 1);
            if (close != std::string_view::npos) {
                auto digits = rendered.substr(i + 1, close - i - 1);
                std::size_t n = 0;
                bool ok = !digits.empty();
                for (char c : digits) {
                    if (c < '0' || c > '9') ok = false;
                    else n = n * 10 + static_cast<std::size_t>(c - '0');
                }
                if (ok && n < people.size()) {
                    if (!pending.empty()) m.text(pending);
                    pending.clear();
                    m.at(people[n].user, people[n].name);
                    i = close;
                    continue;
                }
            }
            continue;  // a stray marker character is dropped
        }
        pending.push_back(rendered[i]);
    }
    if (!pending.empty()) m.text(pending);
    return m;
}

group_rule parse_rule(std::string_view line) {
    for (auto const* sep : {"｜", "|"}) {
        if (auto p = line.find(sep); p != std::string_view::npos)
            return {trim(line.substr(0, p)), trim(line.substr(p + std::string_view(sep).size()))};
    }
    return {trim(line), {}};
}

std::string format_rule(group_rule const& r) { return r.reason.empty() ? r.text : r.text + "｜" + r.reason; }

std::vector<group_rule> parse_rules(std::vector<std::string> const& lines) {
    std::vector<group_rule> out;
    for (auto const& l : lines)
        if (auto r = parse_rule(l); !r.text.empty()) out.push_back(std::move(r));
    return out;
}

request_decision decide_request(std::string_view mode, std::string_view comment, std::vector<std::string> const& approve,
                                std::vector<std::string> const& reject) {
    if (mode != "keywords") return request_decision::ask_admins;
    auto text = fold(comment);
    auto has = [&](std::vector<std::string> const& words) {
        for (auto const& w : words)
            if (auto f = fold(trim(w)); !f.empty() && text.find(f) != std::string::npos) return true;
        return false;
    };
    if (has(reject)) return request_decision::reject;
    if (has(approve)) return request_decision::approve;
    return request_decision::ask_admins;
}

}  // namespace plugins::welcome
