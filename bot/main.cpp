// The qunbot executable: reads bot.toml, builds the core with its plugins and adapters, and runs
// until the input ends (sandbox) or SIGINT/SIGTERM.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/signal_set.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <cstdio>
#include <iostream>

#include "adapters/console/console.hpp"
#include "storage/database.hpp"
#include "adapters/onebot11/adapter.hpp"
#include "adapters/onebot12/adapter.hpp"
#include "adapters/wecom/adapter.hpp"
#include "bot/core.hpp"
#include "bot/plugin_registry.hpp"
#include "web/service.hpp"

namespace {

using namespace bot;

void setup_logging(bot_settings const& cfg) {
    std::vector<spdlog::sink_ptr> sinks{std::make_shared<spdlog::sinks::stderr_color_sink_mt>()};
    if (!cfg.log_file.empty()) sinks.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(cfg.log_file));
    auto logger = std::make_shared<spdlog::logger>("qunbot", sinks.begin(), sinks.end());
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
    logger->set_level(spdlog::level::from_str(cfg.log_level));
    spdlog::set_default_logger(logger);
}

time_point sandbox_start(adapters::console::settings const& s, std::string const& tz_name, source_pos const& pos) {
    auto now = system_clock().now();
    if (s.start_time.empty()) return now;
    auto tz = time_zone::must_load(tz_name);
    auto sp = s.start_time.find(' ');
    auto date = parse_date(s.start_time.substr(0, sp));
    auto minutes = sp == std::string::npos ? std::optional<int>(0) : parse_time_of_day(s.start_time.substr(sp + 1));
    if (!date || !minutes)
        throw config_error(pos, "adapters.console.start_time",
                           "expected a local time like \"2026-03-02 09:00\", got \"" + s.start_time + "\"");
    return tz.from_local(*date, *minutes / 60, *minutes % 60);
}

/// Prints a refused configuration: one line per error, then how many there were.
void print_config_errors(config_error const& e) {
    auto const* all = dynamic_cast<config_errors const*>(&e);
    if (!all) {
        std::cerr << "error: " << e.what() << "\n";
        return;
    }
    for (auto const& one : all->all()) std::cerr << "error: " << one.what() << "\n";
    if (all->all().size() > 1) std::cerr << all->all().size() << " errors in the configuration; qunbot did not start\n";
}

/// Everything one run of the bot needs, built from the config in dependency order.
struct assembly {
    config_file file;
    core_config cfg;
    adapters::console::settings console;
    std::unique_ptr<storage::database> db;
    std::unique_ptr<bot::clock> clk;
    std::unique_ptr<core> bot;
    std::unique_ptr<adapters::console::adapter> sandbox;
    adapters::onebot11::settings onebot11;
    adapters::onebot12::settings onebot12;
    adapters::wecom::settings wecom;
    web::settings web;
    std::vector<std::unique_ptr<adapters::adapter>> adapters;
    std::unique_ptr<web::service> console_web;  ///< the admin console, when [console] enabled
};

std::unique_ptr<assembly> build(asio::io_context& io, std::string const& path, bool dry_run, std::FILE* in,
                                std::function<void()> on_eof) {
    auto a = std::make_unique<assembly>();
    a->file = config_file::load(path);  // a syntax error stops here: the parser reads no further
    // Everything else in the file is checked before startup is refused, and reported together.
    a->file.collect_errors();
    a->cfg = core_config::read(a->file);
    if (!time_zone::load(a->cfg.bot.timezone)) {
        auto node = a->file.section("bot.timezone");
        a->file.report(config_error(node ? node->pos : source_pos{path}, "bot.timezone",
                                    "expected an IANA time zone like \"Asia/Shanghai\", got \"" +
                                        a->cfg.bot.timezone + "\""));
        a->cfg.bot.timezone = bot_settings{}.timezone;  // to go on checking
    }
    a->console = a->file.read<adapters::console::settings>("adapters.console");
    a->onebot11 = adapters::onebot11::settings::read(a->file);
    a->onebot12 = adapters::onebot12::settings::read(a->file);
    a->wecom = adapters::wecom::settings::read(a->file);
    a->web = web::settings::read(a->file);
    // With errors already, nothing is written (log file, database) while the rest is checked.
    bool refused = a->file.has_errors();
    if (!dry_run && !refused) setup_logging(a->cfg.bot);

    auto console_node = a->file.section("adapters.console");
    a->clk = std::make_unique<system_clock>();
    if (a->console.enabled) {
        try {
            a->clk = std::make_unique<manual_clock>(
                sandbox_start(a->console, a->cfg.bot.timezone, console_node ? console_node->pos : source_pos{path}));
        } catch (config_error const& e) {
            a->file.report(e);
            a->clk = std::make_unique<manual_clock>(system_clock().now());
        }
    }
    a->db = std::make_unique<storage::database>(dry_run || a->file.has_errors() ? ":memory:" : a->cfg.bot.database);
    a->bot = std::make_unique<core>(io, a->file, a->cfg, *a->clk, *a->db);
    a->bot->load_plugins(builtin_plugins());
    if (a->web.enabled) a->console_web = std::make_unique<web::service>(*a->bot, a->web);
    a->file.check_unclaimed();
    if (!a->console.enabled && !a->onebot11.common.enabled && !a->onebot12.common.enabled && !a->wecom.common.enabled)
        a->file.report(config_error(source_pos{path}, "adapters",
                                    "expected at least one enabled adapter ([adapters.console], [adapters.onebot11], "
                                    "[adapters.onebot12] or [adapters.wecom] enabled = true)"));
    a->file.throw_errors();
    if (dry_run) return a;
    if (a->console.enabled)
        a->sandbox = std::make_unique<adapters::console::adapter>(
            *a->bot, dynamic_cast<manual_clock&>(*a->clk), a->console, in, stdout, std::move(on_eof));
    if (a->onebot11.common.enabled)
        a->adapters.push_back(std::make_unique<adapters::onebot11::adapter>(*a->bot, a->onebot11));
    if (a->onebot12.common.enabled)
        a->adapters.push_back(std::make_unique<adapters::onebot12::adapter>(*a->bot, a->onebot12));
    if (a->wecom.common.enabled)
        a->adapters.push_back(std::make_unique<adapters::wecom::adapter>(*a->bot, a->wecom));
    if (a->console_web) a->console_web->attach_sandbox(a->sandbox.get());
    return a;
}

int check_config(std::string const& path) {
    asio::io_context io;
    try {
        auto a = build(io, path, true, stdin, [] {});
        auto const& names = a->bot->plugin_names();
        std::cout << path << ": OK (" << names.size() << " plugins:";
        for (auto const& n : names) std::cout << " " << n;
        std::cout << ")\n";
        return 0;
    } catch (config_error const& e) {
        print_config_errors(e);
        return 2;
    }
}

int run(std::string const& path, std::string const& script) {
    asio::io_context io;
    std::FILE* in = stdin;
    if (!script.empty()) {
        in = std::fopen(script.c_str(), "r");
        if (!in) {
            std::cerr << "error: cannot read script " << script << "\n";
            return 2;
        }
    }
    auto guard = asio::make_work_guard(io);
    std::unique_ptr<assembly> a;
    asio::signal_set signals(io, SIGINT, SIGTERM);
    bool stopping = false;
    std::mutex watchdog_mutex;
    std::condition_variable watchdog_cv;
    bool finished = false;
    std::thread watchdog;
    auto shutdown = [&] {
        if (stopping) return;
        stopping = true;
        spdlog::info("shutting down");
        signals.cancel();
        // The shutdown hooks and queued work get a few seconds; then the loop is stopped regardless.
        watchdog = std::thread([&] {
            std::unique_lock lock(watchdog_mutex);
            if (!watchdog_cv.wait_for(lock, std::chrono::seconds(5), [&] { return finished; })) io.stop();
        });
        // Plugins send what they still hold (collected confirmations) before the accounts disconnect.
        asio::co_spawn(
            io,
            [&]() -> task<> {
                co_await a->bot->run_shutdown_hooks();
                if (a->console_web) a->console_web->stop();
                if (a->sandbox) a->sandbox->stop();
                for (auto& ad : a->adapters) ad->stop();
                a->bot->stop();
                guard.reset();
            },
            asio::detached);
    };
    try {
        a = build(io, path, false, in, [&] { shutdown(); });
    } catch (config_error const& e) {
        print_config_errors(e);
        return 2;
    } catch (std::exception const& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
    signals.async_wait([&](auto ec, int) {
        if (!ec) shutdown();
    });
    a->bot->start();
    try {
        for (auto& ad : a->adapters) ad->start();
    } catch (std::exception const& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
    if (a->console_web) {
        a->console_web->set_log(web::recent_log::attach_to_logger());
        if (a->console_web->start() && a->sandbox) {
            // The sandbox's person at the keyboard is its first superuser: a link for them, once.
            web::grant g;
            g.platform = "console";
            g.superuser = true;
            auto const& su = a->cfg.bot.superusers;
            auto first = su.empty() ? std::string("sandbox") : su.front().substr(su.front().find(':') + 1);
            g.user = web::plain_id(first);
            g.name = first;
            std::cout << "管理后台 / admin console: " << a->console_web->link_for(g) << "\n" << std::flush;
        }
    }
    if (a->sandbox) a->sandbox->start();
    spdlog::info("qunbot {} started with {} plugins", QUNBOT_VERSION, a->bot->plugin_names().size());
    io.run();
    {
        std::lock_guard lock(watchdog_mutex);
        finished = true;
    }
    watchdog_cv.notify_all();
    if (watchdog.joinable()) watchdog.join();
    a->console_web.reset();
    a->sandbox.reset();
    a->adapters.clear();
    a->bot.reset();
    if (in != stdin) std::fclose(in);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"qunbot — a bot for community groups (QQ, WeChat, and a console sandbox)"};
    std::string config = "bot.toml";
    std::string script;
    app.add_option("-c,--config", config, "configuration file")->capture_default_str();
    app.add_option("--script", script, "read sandbox input from this file instead of standard input");
    app.set_version_flag("--version", std::string("qunbot ") + QUNBOT_VERSION);
    auto* check = app.add_subcommand("check-config", "validate a configuration file and exit");
    std::string check_path = "bot.toml";
    check->add_option("file", check_path, "configuration file")->capture_default_str();
    auto* hash = app.add_subcommand("hash-password",
                                    "read a console password from standard input and print the hash for "
                                    "[console] password_hash");
    CLI11_PARSE(app, argc, argv);
    if (*check) return check_config(check_path);
    if (*hash) {
        std::string password;
        std::getline(std::cin, password);
        if (password.size() < 8) {
            std::cerr << "error: a console password needs at least 8 characters\n";
            return 2;
        }
        std::cout << web::hash_password(password) << "\n";
        return 0;
    }
    return run(config, script);
}
