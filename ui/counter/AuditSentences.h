// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/AuditLog.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>

namespace Keepsake {

class Lab;

// The audit trail in words a clerk reads: "Anna Berg renamed album 'Urlaub' to
// 'Sommer' at kiosk", "Clerk anna extended album 'Urlaub' to 5 Jan 2027" — who by
// name (the customer at a terminal, the clerk, the lab's own jobs), albums and
// customers by name, each kind of entry in a sentence of its own; a kind this
// version does not know in a plain one. Names are read once per entry's id.
class AuditSentences
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::AuditSentences)

public:
    explicit AuditSentences(const Lab &lab) : m_lab(lab) { }

    QString sentence(const AuditEntry &entry);
    // Who did it, in words ("Clerk anna", "Anna Berg at kiosk", "the mail delivery").
    QString who(const AuditEntry &entry);
    QString customerName(std::optional<qint64> customerId);
    QString albumTitle(std::optional<qint64> albumId);

    // The kinds of entry a clerk can filter by: the action's name and its words.
    static QList<std::pair<QString, QString>> kinds();
    static QString kindText(const QString &action);
    // The entry's details, one "what: value" line each, for the clerk who asks.
    static QString detailsText(const QJsonObject &details);
    // A customer_update's changes in words: "e-mail address anna@example.org; a new PIN".
    static QString changesText(const QJsonObject &details);

private:
    QString subject(const AuditEntry &entry, QString &place);
    QString albumSentence(const AuditEntry &entry, const QString &subject);
    QString otherSentence(const AuditEntry &entry, const QString &subject);

    const Lab &m_lab;
    QHash<qint64, QString> m_customers;
    QHash<qint64, QString> m_albums;
};

} // namespace Keepsake
