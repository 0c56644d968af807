// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// keepsakectl config set|get|list and audit.
#include "AlbumLookup.h"
#include "Command.h"
#include "Commands.h"
#include "base/Time.h"
#include "catalog/AuditLog.h"
#include "catalog/Customers.h"
#include "catalog/SettingEdits.h"
#include "catalog/Settings.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace Keepsake {

namespace {

QJsonObject entryJson(const Settings::Entry &entry)
{
    return { { QStringLiteral("key"), entry.key },
             { QStringLiteral("value"), entry.secret && !entry.value.isEmpty() ? QStringLiteral("***") : entry.value },
             { QStringLiteral("default"), entry.isDefault }, { QStringLiteral("description"), entry.description } };
}

class ConfigCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ConfigAuditCommands)

public:
    QString name() const override { return QStringLiteral("config"); }
    QString description() const override { return tr("settings kept in the catalog: set, get, list"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        const QString sub = args.size() > 1 ? args.at(1) : QString();
        QStringList rest = args.mid(1);
        if (!rest.isEmpty())
            rest[0] = args.at(0) + QLatin1Char(' ') + sub;
        CommandParser p(QStringLiteral("keepsakectl config set KEY VALUE | get KEY | unset KEY | list"),
                        tr("Reads and changes the lab's settings (mail server, notice window, grace period, "
                           "default rule)."),
                        QStringLiteral("keepsakectl config set smtp.host mail.example.org"));
        p.addPositional(QStringLiteral("key"), tr("the setting, e.g. smtp.host"), tr("KEY"));
        p.addPositional(QStringLiteral("value"), tr("its new value (set)"), tr("VALUE"));
        if (sub == QLatin1String("--help") || sub == QLatin1String("-h") || sub.isEmpty()) {
            QTextStream(stdout) << p.helpText();
            return sub.isEmpty() ? ExitUsage : ExitDone;
        }
        if (auto done = p.parse(context, rest))
            return *done;
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Settings settings(lab->catalog());
        const QStringList values = p.positionals();
        if (sub == QLatin1String("list") && values.isEmpty())
            return list(context, settings);
        if (sub == QLatin1String("get") && values.size() == 1) {
            const Result<QString> value = settings.value(values.first());
            if (!value)
                return context.fail(value.error());
            const Settings::Spec *spec = Settings::spec(values.first());
            const QString shown = spec && spec->secret && !value->isEmpty() ? QStringLiteral("***") : *value;
            context.console.item({ { QStringLiteral("key"), values.first() }, { QStringLiteral("value"), shown } }, shown);
            return ExitDone;
        }
        if ((sub == QLatin1String("set") && values.size() == 2) || (sub == QLatin1String("unset") && values.size() == 1))
            return change(context, *lab, values);
        return context.fail(Error::usage(tr("Use: config set KEY VALUE, config get KEY, config unset KEY or "
                                            "config list. See: keepsakectl config --help")));
    }

private:
    int list(CtlContext &context, const Settings &settings)
    {
        const Result<QList<Settings::Entry>> entries = settings.all();
        if (!entries)
            return context.fail(entries.error());
        for (const Settings::Entry &entry : *entries) {
            const QJsonObject json = entryJson(entry);
            context.console.item(json, QStringLiteral("%1 = %2%3   # %4").arg(entry.key, json.value(QStringLiteral("value")).toString(),
                                 entry.isDefault ? tr(" (default)") : QString(), entry.description));
        }
        return ExitDone;
    }

    int change(CtlContext &context, Lab &lab, const QStringList &values)
    {
        const bool set = values.size() == 2;
        const QString key = values.first();
        const SettingEdits edits(lab.catalog(), context.clock);
        const Status status = set ? edits.set(context.actor(), key, values.at(1)) : edits.unset(context.actor(), key);
        if (!status)
            return context.fail(status.error());
        context.console.item({ { QStringLiteral("key"), key }, { QStringLiteral("set"), set } },
                             set ? tr("%1 is set.").arg(key) : tr("%1 is back to its default.").arg(key));
        return ExitDone;
    }
};

class AuditCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ConfigAuditCommands)

public:
    QString name() const override { return QStringLiteral("audit"); }
    QString description() const override { return tr("the audit trail: who did what, when"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl audit [--customer C] [--album ALBUM] [--since DATE]"),
                        tr("Shows the audit trail: hand-ins, shares, notices sent or failed, extensions, "
                           "recordings, verifications, restores, deletions."),
                        QStringLiteral("keepsakectl audit --customer C1 --since 2026-01-01"));
        p.addOption({ QStringLiteral("customer"), tr("only this customer"), tr("C") });
        p.addOption({ QStringLiteral("album"), tr("only this album"), tr("ALBUM") });
        p.addOption({ QStringLiteral("since"), tr("only from this day (or ISO time) on"), tr("DATE") });
        if (auto done = p.parse(context, args))
            return *done;
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        AuditLog::Filter filter;
        if (p.isSet(QStringLiteral("customer"))) {
            const Result<Customer> customer = Customers(lab->catalog()).byCode(p.value(QStringLiteral("customer")));
            if (!customer)
                return context.fail(customer.error());
            filter.customerId = customer->id;
        }
        if (p.isSet(QStringLiteral("album"))) {
            const Result<AlbumSummary> album = resolveAlbum(*lab, p.value(QStringLiteral("album")), p.value(QStringLiteral("customer")));
            if (!album)
                return context.fail(album.error());
            filter.albumId = album->id;
        }
        if (p.isSet(QStringLiteral("since"))) {
            const QString since = p.value(QStringLiteral("since"));
            const QDate day = QDate::fromString(since, Qt::ISODate);
            filter.since = day.isValid() ? day.startOfDay() : QDateTime::fromString(since, Qt::ISODate);
            if (!filter.since.isValid())
                return context.fail(Error::usage(tr("--since takes a date like 2026-01-31, not \"%1\".").arg(since)));
        }
        const Result<QList<AuditEntry>> entries = AuditTrail(lab->catalog()).read(context.actor(), filter);
        if (!entries)
            return context.fail(entries.error());
        for (const AuditEntry &e : *entries)
            context.console.item(json(e), line(e));
        context.console.summary({ { QStringLiteral("entries"), entries->size() } }, tr("%n entry(ies)", nullptr, int(entries->size())));
        return ExitDone;
    }

private:
    static QJsonObject json(const AuditEntry &e)
    {
        return { { QStringLiteral("id"), e.id }, { QStringLiteral("at"), toCatalogTime(e.at) },
                 { QStringLiteral("actor"), e.actor }, { QStringLiteral("action"), e.action },
                 { QStringLiteral("customer"), e.customerId ? QJsonValue(*e.customerId) : QJsonValue() },
                 { QStringLiteral("album"), e.albumId ? QJsonValue(*e.albumId) : QJsonValue() },
                 { QStringLiteral("details"), e.details } };
    }

    static QString line(const AuditEntry &e)
    {
        QString text = QStringLiteral("%1  %2  %3").arg(e.at.toLocalTime().toString(Qt::ISODate), e.action, e.actor);
        if (e.albumId)
            text += tr("  album %1").arg(*e.albumId);
        if (!e.details.isEmpty())
            text += QStringLiteral("  ") + QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Compact));
        return text;
    }
};

} // namespace

std::unique_ptr<Command> makeConfigCommand()
{
    return std::make_unique<ConfigCommand>();
}

std::unique_ptr<Command> makeAuditCommand()
{
    return std::make_unique<AuditCommand>();
}

} // namespace Keepsake
