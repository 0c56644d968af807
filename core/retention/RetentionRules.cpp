// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RetentionRules.h"

#include "catalog/AuditLog.h"
#include "catalog/SqlQuery.h"
#include "base/Time.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QLocale>

namespace Keepsake {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("Keepsake::RetentionRules", text, disambiguation, n);
}

const char *const RuleColumns = "SELECT id, name, basis, keep_days, cap_bytes FROM retention_rules ";

RetentionRule ruleFrom(const SqlQuery &query)
{
    RetentionRule rule;
    rule.id = query.integer(0);
    rule.name = query.text(1);
    rule.basis = RetentionRule::basisFromName(query.text(2)).value_or(RetentionRule::Basis::HandIn);
    rule.keepDays = query.value(3).isNull() ? 0 : query.value(3).toInt();
    if (!query.value(4).isNull())
        rule.capBytes = query.integer(4);
    return rule;
}

Result<QList<RetentionRule>> select(const QSqlDatabase &db, const QString &where, const QVariant &value)
{
    SqlQuery query(db, QString::fromLatin1(RuleColumns) + where);
    if (value.isValid())
        query.bind(QStringLiteral(":value"), value);
    if (Status status = query.exec(); !status)
        return status.error();
    QList<RetentionRule> rules;
    while (query.next())
        rules.append(ruleFrom(query));
    return rules;
}

} // namespace

Result<QList<RetentionRule>> RetentionRules::list(const QSqlDatabase &db)
{
    return select(db, QStringLiteral("ORDER BY builtin DESC, name"), {});
}

Result<RetentionRule> RetentionRules::byName(const QSqlDatabase &db, const QString &name)
{
    auto found = select(db, QStringLiteral("WHERE name = :value"), name.trimmed());
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::notFound(tr("There is no retention rule called \"%1\". See keepsakectl rule list.").arg(name));
    return found->first();
}

Result<RetentionRule> RetentionRules::byId(const QSqlDatabase &db, qint64 id)
{
    auto found = select(db, QStringLiteral("WHERE id = :value"), id);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::notFound(tr("There is no retention rule %1.").arg(id));
    return found->first();
}

Result<RetentionRule> RetentionRules::add(const QSqlDatabase &db, const RetentionRule &rule,
                                          const QDateTime &now, const QString &actor)
{
    const QString name = rule.name.trimmed();
    if (name.isEmpty())
        return Error::usage(tr("A retention rule needs a name, e.g. \"Premium 1 year\"."));
    if (rule.basis != RetentionRule::Basis::Plan && (rule.keepDays < 1 || rule.keepDays > 36500))
        return Error::usage(tr("Rule \"%1\": --keep-days takes a whole number of days from 1 to 36500.").arg(name));
    if (rule.capBytes && *rule.capBytes < 1)
        return Error::usage(tr("Rule \"%1\": --cap-bytes takes a positive number of bytes.").arg(name));
    if (byName(db, name).ok())
        return Error::usage(tr("There is already a retention rule called \"%1\".").arg(name));
    SqlQuery insert(db, QStringLiteral(
        "INSERT INTO retention_rules (name, basis, keep_days, cap_bytes, builtin, created_at) "
        "VALUES (:name, :basis, :days, :cap, 0, :now) RETURNING id"));
    insert.bind(QStringLiteral(":name"), name)
        .bind(QStringLiteral(":basis"), RetentionRule::basisName(rule.basis))
        .bind(QStringLiteral(":days"), rule.basis == RetentionRule::Basis::Plan ? QVariant(QMetaType(QMetaType::Int)) : QVariant(rule.keepDays))
        .bind(QStringLiteral(":cap"), rule.capBytes ? QVariant(*rule.capBytes) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(QStringLiteral(":now"), toCatalogTime(now));
    const Result<qint64> id = insert.execReturningId();
    if (!id)
        return id.error();
    RetentionRule added = rule;
    added.id = *id;
    added.name = name;
    const QJsonObject details { { QStringLiteral("rule"), name }, { QStringLiteral("what"), describe(added) } };
    if (Status status = AuditLog::record(db, { 0, now, actor, QStringLiteral("rule_add"), {}, {}, details }); !status)
        return status.error();
    return added;
}

QString RetentionRules::describe(const RetentionRule &rule)
{
    QString text;
    switch (rule.basis) {
    case RetentionRule::Basis::HandIn: text = tr("%n day(s) after hand-in", nullptr, rule.keepDays); break;
    case RetentionRule::Basis::LastView: text = tr("%n day(s) after the last view", nullptr, rule.keepDays); break;
    case RetentionRule::Basis::Plan: text = tr("while the customer's plan lasts"); break;
    }
    if (rule.capBytes)
        text += tr(", at most %1 per customer (oldest albums expire first)")
                    .arg(QLocale::c().formattedDataSize(*rule.capBytes, 1, QLocale::DataSizeSIFormat));
    return text;
}

} // namespace Keepsake
