#include "plugins/checkin/admins.hpp"

namespace plugins::checkin {

bot::task<int> tell_admins(bot::plugin_context& ctx, bot::group_ref const& g, std::string const& text) {
    auto* api = ctx.api_for(g);
    if (!api) co_return 0;
    int sent = 0;
    if (api->caps().member_list) {
        auto members = co_await api->members(g.group);
        if (members) {
            for (auto const& m : *members) {
                if (m.role == bot::role::member || m.user == api->self_id()) continue;
                auto to = bot::target::user_of(m.user);
                auto msg = bot::message(text);
                auto r = co_await api->send(to, msg);
                if (r) ++sent;
            }
        }
    }
    if (sent == 0) {
        auto msg = bot::message("【致管理员】" + text);
        co_await ctx.send(g, msg);
    }
    co_return sent;
}

bot::task<int> mention_batches(bot::plugin_context& ctx, bot::group_ref const& g, std::string const& head,
                               std::vector<bot::id> const& users, int max) {
    int sent = 0;
    for (std::size_t i = 0; i < users.size(); i += static_cast<std::size_t>(max)) {
        bot::message m(head);
        for (std::size_t j = i; j < users.size() && j < i + static_cast<std::size_t>(max); ++j) {
            m.text(" ");
            m.at(users[j]);
        }
        co_await ctx.send(g, m);
        ++sent;
    }
    co_return sent;
}

}  // namespace plugins::checkin
