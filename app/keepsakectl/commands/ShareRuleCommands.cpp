// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// keepsakectl share add|remove|list and rule add|list.
#include "AlbumLookup.h"
#include "Command.h"
#include "Commands.h"
#include "catalog/AlbumSharing.h"
#include "catalog/Albums.h"
#include "catalog/Customers.h"
#include "retention/RetentionRules.h"
#include "retention/RuleBook.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace Keepsake {

namespace {

QJsonObject shareJson(const Share &share)
{
    QJsonObject json { { QStringLiteral("album"), share.albumId },
                       { QStringLiteral("viewer"), share.isCustomer() ? QJsonValue(share.viewerCode) : QJsonValue() },
                       { QStringLiteral("email"), share.email.isEmpty() ? QJsonValue() : QJsonValue(share.email) },
                       { QStringLiteral("permission"), QStringLiteral("view") },
                       { QStringLiteral("granted_at"), share.grantedAt.toString(Qt::ISODate) },
                       { QStringLiteral("granted_by"), share.grantedBy } };
    return json;
}

class ShareCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ShareRuleCommands)

public:
    QString name() const override { return QStringLiteral("share"); }
    QString description() const override { return tr("who may view an album: add, remove, list"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        const QString sub = args.size() > 1 ? args.at(1) : QString();
        if (sub == QLatin1String("add") || sub == QLatin1String("remove"))
            return change(context, subcommandArgs(args), sub == QLatin1String("add"));
        if (sub == QLatin1String("list"))
            return list(context, subcommandArgs(args));
        if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
            QTextStream(stdout) << tr("Usage: keepsakectl share add|remove|list ...\n"
                                      "  add     let a customer or an e-mail address view an album\n"
                                      "  remove  take that permission back\n"
                                      "  list    who may view an album\n"
                                      "Example:\n  keepsakectl share add --album 12 --with C2\n");
            return ExitDone;
        }
        return context.fail(Error::usage(tr("Say what to do with shares: add, remove or list. "
                                            "See: keepsakectl share --help")));
    }

private:
    int change(CtlContext &context, const QStringList &args, bool add)
    {
        CommandParser p(QStringLiteral("keepsakectl share %1 --album ALBUM --with C|EMAIL")
                            .arg(add ? QStringLiteral("add") : QStringLiteral("remove")),
                        add ? tr("Lets another customer or an e-mail address view an album.")
                            : tr("Takes back the permission to view an album."),
                        QStringLiteral("keepsakectl share %1 --album 12 --with grandma@example.org")
                            .arg(add ? QStringLiteral("add") : QStringLiteral("remove")));
        p.addOption({ QStringLiteral("album"), tr("the album's ID"), tr("ALBUM") });
        p.addOption({ QStringLiteral("customer"), tr("the album's owner, to name the album by its title"), tr("C") });
        p.addOption({ QStringLiteral("with"), tr("a customer code or an e-mail address"), tr("C|EMAIL") });
        if (auto done = p.parse(context, args))
            return *done;
        if (!p.isSet(QStringLiteral("album")) || !p.isSet(QStringLiteral("with")))
            return context.fail(Error::usage(tr("Name the album and the viewer: --album ID --with CODE|EMAIL.")));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<AlbumSummary> album = resolveAlbum(*lab, p.value(QStringLiteral("album")), p.value(QStringLiteral("customer")));
        if (!album)
            return context.fail(album.error());
        const QString with = p.value(QStringLiteral("with"));
        const AlbumSharing sharing(lab->catalog(), context.clock);
        const Status status = add ? sharing.share(context.actor(), album->id, with)
                                  : sharing.unshare(context.actor(), album->id, with);
        if (!status)
            return context.fail(status.error());
        context.console.item({ { QStringLiteral("album"), album->id }, { QStringLiteral("with"), with },
                               { QStringLiteral("shared"), add } },
                             add ? tr("Album %1 (%2) may now be viewed by %3.").arg(album->id).arg(album->title, with)
                                 : tr("Album %1 (%2) may no longer be viewed by %3.").arg(album->id).arg(album->title, with));
        return ExitDone;
    }

    int list(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl share list --album ALBUM"), tr("Lists who may view an album."),
                        QStringLiteral("keepsakectl share list --album 12 --json"));
        p.addOption({ QStringLiteral("album"), tr("the album's ID"), tr("ALBUM") });
        p.addOption({ QStringLiteral("customer"), tr("the album's owner, to name the album by its title"), tr("C") });
        if (auto done = p.parse(context, args))
            return *done;
        if (!p.isSet(QStringLiteral("album")))
            return context.fail(Error::usage(tr("Name the album: --album ID.")));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<AlbumSummary> album = resolveAlbum(*lab, p.value(QStringLiteral("album")), p.value(QStringLiteral("customer")));
        if (!album)
            return context.fail(album.error());
        const Result<QList<Share>> shares = AlbumSharing(lab->catalog(), context.clock).viewers(context.actor(), album->id);
        if (!shares)
            return context.fail(shares.error());
        for (const Share &share : *shares)
            context.console.item(shareJson(share), tr("%1  since %2, by %3").arg(share.viewerText(),
                                 share.grantedAt.toLocalTime().toString(Qt::ISODate), share.grantedBy));
        context.console.summary({ { QStringLiteral("album"), album->id }, { QStringLiteral("viewers"), shares->size() } },
                                tr("Album %1 (%2, owner %3): %n viewer(s)", nullptr, int(shares->size()))
                                    .arg(album->id).arg(album->title, album->ownerCode));
        return ExitDone;
    }
};

QJsonObject ruleJson(const RetentionRule &rule)
{
    return { { QStringLiteral("id"), rule.id }, { QStringLiteral("name"), rule.name },
             { QStringLiteral("basis"), RetentionRule::basisName(rule.basis) },
             { QStringLiteral("keep_days"), rule.basis == RetentionRule::Basis::Plan ? QJsonValue() : QJsonValue(rule.keepDays) },
             { QStringLiteral("cap_bytes"), rule.capBytes ? QJsonValue(*rule.capBytes) : QJsonValue() },
             { QStringLiteral("what"), RetentionRules::describe(rule) } };
}

class RuleCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ShareRuleCommands)

public:
    QString name() const override { return QStringLiteral("rule"); }
    QString description() const override { return tr("retention rules: add, list"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        const QString sub = args.size() > 1 ? args.at(1) : QString();
        if (sub == QLatin1String("add"))
            return add(context, subcommandArgs(args));
        if (sub == QLatin1String("list"))
            return list(context, subcommandArgs(args));
        if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
            QTextStream(stdout) << tr("Usage: keepsakectl rule add|list ...\n"
                                      "  add   a named retention rule\n  list  the lab's rules\n"
                                      "Example:\n  keepsakectl rule add \"Premium 1 year\" --keep-days 365\n");
            return ExitDone;
        }
        return context.fail(Error::usage(tr("Say what to do with rules: add or list. See: keepsakectl rule --help")));
    }

private:
    int add(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl rule add NAME (--keep-days N [--after handin|last-view] | --while-plan) [--cap-bytes N]"),
                        tr("Adds a named retention rule."),
                        QStringLiteral("keepsakectl rule add \"Viewed 30 days\" --keep-days 30 --after last-view"));
        p.addPositional(QStringLiteral("name"), tr("the rule's name"), tr("NAME"));
        p.addOption({ QStringLiteral("keep-days"), tr("days to keep an album"), tr("N") });
        p.addOption({ QStringLiteral("after"), tr("count from the hand-in (default) or the last view"), tr("handin|last-view") });
        p.addOption({ QStringLiteral("while-plan"), tr("keep while the customer's plan lasts") });
        p.addOption({ QStringLiteral("cap-bytes"), tr("at most this many bytes per customer; oldest albums expire first"), tr("N") });
        if (auto done = p.parse(context, args))
            return *done;
        if (p.positionals().size() != 1)
            return context.fail(Error::usage(tr("Name the rule once, e.g. keepsakectl rule add \"Premium 1 year\" --keep-days 365.")));
        RetentionRule rule;
        rule.name = p.positionals().first();
        const bool plan = p.isSet(QStringLiteral("while-plan"));
        if (plan == p.isSet(QStringLiteral("keep-days")))
            return context.fail(Error::usage(tr("Give either --keep-days N or --while-plan.")));
        if (plan) {
            rule.basis = RetentionRule::Basis::Plan;
            rule.keepDays = 0;
        } else {
            bool ok = false;
            rule.keepDays = p.value(QStringLiteral("keep-days")).toInt(&ok);
            if (!ok)
                return context.fail(Error::usage(tr("--keep-days takes a whole number of days.")));
            const QString after = p.value(QStringLiteral("after"));
            if (after == QLatin1String("last-view") || after == QLatin1String("last_view"))
                rule.basis = RetentionRule::Basis::LastView;
            else if (!after.isEmpty() && after != QLatin1String("handin"))
                return context.fail(Error::usage(tr("--after takes handin or last-view, not \"%1\".").arg(after)));
        }
        if (p.isSet(QStringLiteral("cap-bytes"))) {
            bool ok = false;
            rule.capBytes = p.value(QStringLiteral("cap-bytes")).toLongLong(&ok);
            if (!ok)
                return context.fail(Error::usage(tr("--cap-bytes takes a number of bytes.")));
        }
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<RetentionRule> added = RuleBook(lab->catalog(), context.clock).add(context.actor(), rule);
        if (!added)
            return context.fail(added.error());
        context.console.item(ruleJson(*added), tr("Added rule '%1': %2").arg(added->name, RetentionRules::describe(*added)));
        return ExitDone;
    }

    int list(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl rule list"), tr("Lists the lab's retention rules."),
                        QStringLiteral("keepsakectl rule list --json"));
        if (auto done = p.parse(context, args))
            return *done;
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<QList<RetentionRule>> rules = RuleBook(lab->catalog(), context.clock).list();
        if (!rules)
            return context.fail(rules.error());
        for (const RetentionRule &rule : *rules)
            context.console.item(ruleJson(rule), QStringLiteral("%1  %2").arg(rule.name, RetentionRules::describe(rule)));
        context.console.summary({ { QStringLiteral("rules"), rules->size() } }, tr("%n rule(s)", nullptr, int(rules->size())));
        return ExitDone;
    }
};

} // namespace

Result<AlbumSummary> resolveAlbum(Lab &lab, const QString &album, const QString &customerCode)
{
    std::optional<qint64> owner;
    if (!customerCode.isEmpty()) {
        const Result<Customer> customer = Customers(lab.catalog()).byCode(customerCode);
        if (!customer)
            return customer.error();
        owner = customer->id;
    }
    return Albums(lab.catalog()).resolve(album, owner);
}

std::unique_ptr<Command> makeShareCommand()
{
    return std::make_unique<ShareCommand>();
}

std::unique_ptr<Command> makeRuleCommand()
{
    return std::make_unique<RuleCommand>();
}

} // namespace Keepsake
