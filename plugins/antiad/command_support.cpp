#include "plugins/antiad/command_support.hpp"

#include <algorithm>

#include "bot/core.hpp"
#include "bot/display.hpp"

namespace plugins::antiad {

bot::task<target_info> look_up(bot::session& s, bot::id const& user) {
    target_info out{bot::shown_name(user.str()), false};
    out.protected_member = user == s.ev().self_id || s.is_superuser(user);
    // A 分管 does not act on another 分管: that is for the admins.
    if (!bot::perm::admin(s) && s.in_group() && s.bot().holds_role(*s.group(), user, bot::moderator_role))
        out.protected_member = true;
    auto api = s.api();
    if (api && api->caps().member_info) {
        auto gid = s.group_id();
        auto m = co_await api->member(gid, user);
        if (m) {
            out.name = m->display_name();
            out.protected_member = out.protected_member || m->role != bot::role::member;
        }
    }
    co_return out;
}

finding manual(std::string const& rule, std::string const& reason) {
    return finding{hit{rule, reason}, reason, {}};
}

bool valid_domain(std::string const& d) {
    if (d.size() < 3 || d.find('.') == std::string::npos || d.front() == '.' || d.back() == '.') return false;
    return std::all_of(d.begin(), d.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'; });
}

std::optional<std::int64_t> incident_number(std::string_view word) {
    if (word.starts_with("#")) word.remove_prefix(1);
    else if (word.starts_with("\xef\xbc\x83")) word.remove_prefix(3);  // full-width ＃
    if (word.empty() || word.size() > 18) return std::nullopt;
    std::int64_t n = 0;
    for (char c : word) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    if (n <= 0) return std::nullopt;
    return n;
}

std::string local_stamp(bot::session const& s, std::int64_t at) {
    auto t = s.tz().to_local(bot::time_point(std::chrono::seconds(at)));
    return t.str().substr(5, 11);
}

}  // namespace plugins::antiad
