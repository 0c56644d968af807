// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Keepsake {

// A recording asked of a burn station (CLI.md, "Network"): queued, running (photos
// staged from their devices, then written), verifying (read back; a verified disc
// waits there for its requester), then done once the requester has checked the
// report against the catalog and recorded the albums. Or failed, or cancelled.
struct StationJob
{
    enum class State { Queued, Running, Verifying, Done, Failed, Cancelled };

    qint64 id = 0;
    qint64 stationId = 0;
    QString station;            // device name
    qint64 requesterId = 0;
    QString requester;          // device name
    QString drive;              // as the station names it; stdio:/absolute/path included
    qint64 customerId = 0;
    QString customer;           // code
    QList<qint64> albums;       // empty: the customer's expired albums
    QString media;
    qint64 capacity = 0;
    QString actor;              // who asked, for the audit trail
    State state = State::Queued;
    int progress = 0;           // 0–100
    QString message;
    bool cancelRequested = false;
    QByteArray report;          // JSON (StationReport) once the station verified the disc
    bool verified = false;      // the station verified it (the report may not have come along)
    int position = 0;           // in the station's queue while queued, from 1; 0 otherwise
    QDateTime createdAt;
    QDateTime startedAt;
    QDateTime finishedAt;

    bool isFinished() const { return state == State::Done || state == State::Failed || state == State::Cancelled; }
    // The station verified the disc; the requester has yet to record it.
    bool awaitsRequester() const { return state == State::Verifying && verified; }

    static QString stateName(State state);
    static std::optional<State> stateNamed(const QString &name);
};

// What a requester asks of a station.
struct StationJobRequest
{
    qint64 stationId = 0;
    qint64 requesterId = 0;
    QString drive;
    qint64 customerId = 0;
    QList<qint64> albums;
    QString media;
    qint64 capacity = 0;
    QString actor;
};

} // namespace Keepsake

Q_DECLARE_METATYPE(Keepsake::StationJob)
