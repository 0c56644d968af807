// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Command.h"
#include "Commands.h"
#include "JsonRecords.h"
#include "catalog/Albums.h"
#include "catalog/Catalog.h"
#include "catalog/CustomerEdits.h"
#include "catalog/Customers.h"

#include <QCoreApplication>

namespace Keepsake {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("Keepsake::CustomerCommand", text, disambiguation, n);
}

QString describe(const Customer &c)
{
    QStringList parts { c.code, c.name };
    if (!c.email.isEmpty())
        parts.append(c.email);
    if (!c.phone.isEmpty())
        parts.append(c.phone);
    if (!c.homeDevice.isEmpty())
        parts.append(QCoreApplication::translate("Keepsake::CustomerCommand", "home: %1").arg(c.homeDevice));
    return parts.join(QStringLiteral("  "));
}

class CustomerCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("customer"); }
    QString description() const override { return tr("add, change, list and show customers"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        const QString sub = args.size() > 1 ? args.at(1) : QString();
        QStringList rest = args.mid(1);
        if (!rest.isEmpty())
            rest[0] = args.at(0) + QLatin1Char(' ') + sub;
        if (sub == QLatin1String("add"))
            return add(context, rest);
        if (sub == QLatin1String("set"))
            return set(context, rest);
        if (sub == QLatin1String("list"))
            return list(context, rest);
        if (sub == QLatin1String("show"))
            return show(context, rest);
        if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
            QTextStream(stdout) << tr("Usage: keepsakectl customer add|set|list|show ...\n"
                                      "  add    a new customer\n  set    change a customer's data\n"
                                      "  list   every customer\n"
                                      "  show   one customer with their albums\n"
                                      "Example:\n  keepsakectl customer add --code C1 --name \"Anna Berg\" "
                                      "--email anna@example.org\n");
            return ExitDone;
        }
        context.console.error(tr("Say what to do with customers: add, set, list or show. See: "
                                 "keepsakectl customer --help"));
        return ExitUsage;
    }

private:
    int add(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl customer add --code C --name N [options]"),
                        tr("Adds a customer to the lab's catalog."),
                        QStringLiteral("keepsakectl customer add --code C1 --name \"Anna Berg\" --email anna@example.org --lang de"));
        p.addOption({ QStringLiteral("code"), tr("the customer code printed on receipts (e.g. K-00042)"), tr("C") });
        p.addOption({ QStringLiteral("name"), tr("the customer's name"), tr("N") });
        p.addOption({ QStringLiteral("email"), tr("e-mail address for notices"), tr("E") });
        p.addOption({ QStringLiteral("phone"), tr("phone number"), tr("P") });
        p.addOption({ QStringLiteral("pin"), tr("PIN for the kiosk, 4 to 8 digits"), tr("PIN") });
        p.addOption({ QStringLiteral("lang"), tr("language for notices and prints (en, de, ja)"), tr("LANG") });
        p.addOption({ QStringLiteral("home"), tr("the device that keeps the customer's photos"), tr("DEVICE") });
        p.addOption({ QStringLiteral("plan"), tr("the retention rule new albums get"), tr("RULE") });
        if (auto done = p.parse(context, args))
            return *done;
        if (!p.isSet(QStringLiteral("code")) || !p.isSet(QStringLiteral("name")))
            return context.fail(Error::usage(tr("A customer needs --code and --name.")));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        NewCustomer input { p.value(QStringLiteral("code")), p.value(QStringLiteral("name")),
                            p.value(QStringLiteral("email")), p.value(QStringLiteral("phone")),
                            p.value(QStringLiteral("lang")), p.value(QStringLiteral("pin")),
                            p.value(QStringLiteral("home")) };
        const Result<Customer> added = CustomerEdits(lab->catalog(), context.clock)
                                           .add(context.actor(), input, p.value(QStringLiteral("plan")));
        if (!added)
            return context.fail(added.error());
        context.console.item(customerJson(*added), tr("Added customer %1").arg(describe(*added)));
        return ExitDone;
    }

    int set(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl customer set C [options]"),
                        tr("Changes a customer's data; what is not given stays. An empty value (\"\") removes an "
                           "e-mail, phone, PIN, language, plan or home device."),
                        QStringLiteral("keepsakectl customer set C1 --email anna@example.org --home store-berlin"));
        p.addPositional(QStringLiteral("customer"), tr("the customer code"), tr("C"));
        p.addOption({ QStringLiteral("name"), tr("the customer's name"), tr("N") });
        p.addOption({ QStringLiteral("email"), tr("e-mail address for notices"), tr("E") });
        p.addOption({ QStringLiteral("phone"), tr("phone number"), tr("P") });
        p.addOption({ QStringLiteral("pin"), tr("PIN for the kiosk, 4 to 8 digits"), tr("PIN") });
        p.addOption({ QStringLiteral("lang"), tr("language for notices and prints (en, de, ja)"), tr("LANG") });
        p.addOption({ QStringLiteral("plan"), tr("the retention rule new albums get"), tr("RULE") });
        p.addOption({ QStringLiteral("home"), tr("the device that keeps the customer's photos"), tr("DEVICE") });
        if (auto done = p.parse(context, args))
            return *done;
        if (p.positionals().size() != 1)
            return context.fail(Error::usage(tr("Name one customer code.")));
        const auto given = [&](const char *option) {
            const QString name = QString::fromLatin1(option);
            return p.isSet(name) ? std::optional<QString>(p.value(name)) : std::nullopt;
        };
        const CustomerChanges changes { given("name"), given("email"), given("phone"), given("pin"),
                                        given("lang"), given("plan"), given("home") };
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<Customer> changed = CustomerEdits(lab->catalog(), context.clock)
                                             .update(context.actor(), p.positionals().first(), changes);
        if (!changed)
            return context.fail(changed.error());
        context.console.item(customerJson(*changed), tr("Changed customer %1").arg(describe(*changed)));
        return ExitDone;
    }

    int list(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl customer list"), tr("Lists every customer."),
                        QStringLiteral("keepsakectl customer list --json"));
        if (auto done = p.parse(context, args))
            return *done;
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const auto customers = Customers(lab->catalog()).list();
        if (!customers)
            return context.fail(customers.error());
        for (const Customer &c : *customers)
            context.console.item(customerJson(c), describe(c));
        context.console.summary({ { QStringLiteral("customers"), customers->size() } },
                                tr("%n customer(s)", nullptr, int(customers->size())));
        return ExitDone;
    }

    int show(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl customer show C"),
                        tr("Shows a customer and the albums they can reach."),
                        QStringLiteral("keepsakectl customer show C1"));
        p.addPositional(QStringLiteral("customer"), tr("the customer code"), tr("C"));
        if (auto done = p.parse(context, args))
            return *done;
        if (p.positionals().size() != 1)
            return context.fail(Error::usage(tr("Name one customer code.")));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<Customer> customer = Customers(lab->catalog()).byCode(p.positionals().first());
        if (!customer)
            return context.fail(customer.error());
        const auto albums = Albums(lab->catalog()).customerView(customer->id, true);
        if (!albums)
            return context.fail(albums.error());
        QJsonObject json = customerJson(*customer);
        QJsonArray albumIds;
        QString text = describe(*customer);
        for (const AlbumSummary &album : *albums) {
            albumIds.append(album.id);
            text += QStringLiteral("\n  ") + albumLine(album);
        }
        json.insert(QStringLiteral("albums"), albumIds);
        context.console.item(json, text);
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeCustomerCommand()
{
    return std::make_unique<CustomerCommand>();
}

} // namespace Keepsake
