/// Fuzzes the bot.toml loader: parsing, the core's and the adapters' typed tables, and the
/// unknown-key check. Whatever the file holds, the only way to refuse it is a config_error naming where.

#include "adapters/onebot11/settings.hpp"
#include "adapters/onebot12/settings.hpp"
#include "adapters/wecom/settings.hpp"
#include "bot/config.hpp"
#include "bot/config_file.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fuzz::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    auto text = fuzz::as_text(data, size);
    try {
        auto file = bot::config_file::parse(text);
        (void)bot::core_config::read(file);
        file.claim("adapters.console");  // the sandbox's table: left out to keep the fuzz build small
        (void)adapters::onebot11::settings::read(file);
        (void)adapters::onebot12::settings::read(file);
        (void)adapters::wecom::settings::read(file);
        file.claim("plugins");
        file.check_unclaimed();
    } catch (bot::config_error const& e) {
        fuzz::require(!e.problem().empty(), "a config error says what is wrong", e.what());
        fuzz::require(e.pos().line >= 0 && e.pos().column >= 0, "a config error has a sane position", e.what());
    }
    return 0;
}
