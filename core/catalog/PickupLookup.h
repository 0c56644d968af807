// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Keepsake {

class Catalog;

// What a receipt's pickup code names: a hand-in (handins.pickup_code) or one
// recording session of a disc (disc_sessions.pickup_code), whose customer it is and
// which of their albums it holds.
struct PickupOrder
{
    enum class Kind { Handin, Disc };

    Kind kind = Kind::Handin;
    QString code;              // as stored: "ABCDEFGH"
    qint64 customerId = 0;
    QString customerCode;
    QString customerName;
    QDateTime at;              // handed in, or recorded
    int photos = 0;            // stored by the hand-in, or on the disc session
    QList<qint64> albumIds;    // where those photos are now
    qint64 handinId = 0;       // a hand-in's
    QString discId;            // a disc session's
    int session = 0;
    qint64 sessionId = 0;
};

// Finds the order a customer's receipt names by its pickup code, typed as the receipt
// shows it ("ABCD-EFGH"), in any case, with spaces, or as a barcode scanner types the
// receipt's QR code (which holds exactly the code shown). Only the clerk and the
// system look orders up: a code names someone else's photos.
class PickupLookup
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::PickupLookup)

public:
    PickupLookup(const Catalog &catalog, Actor actor) : m_catalog(catalog), m_actor(std::move(actor)) { }

    // NotFound (saying the code) when no hand-in and no disc has it.
    Result<PickupOrder> find(const QString &typed) const;

    // The code as stored: its letters and digits, upper case ("abcd-efgh " → "ABCDEFGH").
    static QString key(const QString &typed);
    // Text shaped like a pickup code: eight of the code's letters and digits once
    // spaces and dashes are left out (a name may look like one too).
    static bool looksLikeCode(const QString &typed);

private:
    Result<bool> findHandin(const QString &code, PickupOrder &order) const;
    Result<bool> findDisc(const QString &code, PickupOrder &order) const;

    const Catalog &m_catalog;
    Actor m_actor;
};

} // namespace Keepsake
