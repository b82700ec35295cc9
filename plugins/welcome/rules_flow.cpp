// The group's rules with their reasons: shown to anyone with /rules, changed by admins.
#include "bot/display.hpp"
#include "plugins/welcome/state.hpp"

namespace plugins::welcome {

using namespace bot;

namespace {

std::vector<std::string> as_lines(std::vector<group_rule> const& rules) {
    std::vector<std::string> out;
    for (auto const& r : rules) out.push_back(format_rule(r));
    return out;
}

std::string listing(state& st, group_ref const& g, std::vector<group_rule> const& rules) {
    std::string out;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        auto index = static_cast<long long>(i + 1);
        out += (out.empty() ? "" : "\n") +
               (rules[i].reason.empty()
                    ? st.text(g, "rule_line_plain", {{"index", index}, {"rule", rules[i].text}})
                    : st.text(g, "rule_line", {{"index", index}, {"rule", rules[i].text}, {"reason", rules[i].reason}}));
    }
    return out;
}

task<> show(state_ptr st, command_call& call) {
    auto g = *call.s().group();
    auto rules = group_rules(*st, g);
    auto out = rules.empty() ? st->text(g, "rules_none")
                             : st->text(g, "rules_show", {{"group", st->group_label(g)}, {"rules", listing(*st, g, rules)}});
    co_await call.reply(out);
}

task<> add(state_ptr st, command_call& call) {
    auto g = *call.s().group();
    // Markers and control characters have no place in a rule.
    auto r = parse_rule(bot::shown_name(call.text("规则"), 600));
    std::string out;
    if (r.text.empty()) {
        out = st->text(g, "rules_empty_text");
    } else {
        auto rules = group_rules(*st, g);
        rules.push_back(r);
        st->repo.set_rules(g.key(), as_lines(rules));
        out = st->text(g, "rules_added", {{"index", static_cast<long long>(rules.size())}, {"rule", format_rule(r)}});
    }
    co_await call.reply(out);
}

task<> remove(state_ptr st, command_call& call) {
    auto g = *call.s().group();
    auto rules = group_rules(*st, g);
    auto n = call.integer("编号");
    std::string out;
    if (n < 1 || n > static_cast<std::int64_t>(rules.size())) {
        out = st->text(g, "rules_bad_index", {{"index", static_cast<long long>(n)}, {"count", static_cast<long long>(rules.size())}});
    } else {
        auto gone = rules[static_cast<std::size_t>(n - 1)];
        rules.erase(rules.begin() + (n - 1));
        st->repo.set_rules(g.key(), as_lines(rules));
        out = st->text(g, "rules_removed", {{"index", static_cast<long long>(n)}, {"rule", format_rule(gone)}});
    }
    co_await call.reply(out);
}

task<> reset(state_ptr st, command_call& call) {
    auto g = *call.s().group();
    st->repo.reset_rules(g.key());
    auto out = st->text(g, "rules_reset");
    co_await call.reply(out);
}

}  // namespace

void register_rules(state_ptr st) {
    auto& ctx = st->ctx;
    ctx.command({"rules", "群规"}, "查看本群群规")
        .where(rule::in_group)
        .handle([st](command_call& call) { return show(st, call); });
    ctx.command({"rules add", "添加群规"}, "添加一条群规（规则｜原因）")
        .arg("规则", arg_kind::text, "规则｜原因")
        .where(rule::in_group)
        .permit(perm::admin)
        .example("/rules add 不刷屏｜刷屏会淹没别人的分享")
        .handle([st](command_call& call) { return add(st, call); });
    ctx.command({"rules remove", "删除群规"}, "删除一条群规")
        .arg("编号", arg_kind::integer, "/rules 里的编号")
        .where(rule::in_group)
        .permit(perm::admin)
        .handle([st](command_call& call) { return remove(st, call); });
    ctx.command({"rules reset", "重置群规"}, "把本群群规恢复为默认")
        .where(rule::in_group)
        .permit(perm::admin)
        .handle([st](command_call& call) { return reset(st, call); });
}

}  // namespace plugins::welcome
