// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Keepsake {

class LabKey;

struct ManifestPhoto
{
    qint64 id = 0;
    QString name;        // original file name
    QString path;        // on the disc, from the root
    QString sha256;
    QString md5;         // hex, of the original's bytes; empty on discs made before MD5s were listed
    qint64 size = 0;
    QString taken;
    QString camera;
    QString caption;
    QString thumb;       // viewer thumbnail, from the root
    QString view;        // what a browser shows: the original or a JPEG rendition
};

struct ManifestAlbum
{
    qint64 id = 0;
    QString title;
    QString folder;
    QString handedIn;    // first hand-in, ISO 8601
    qint64 coverPhoto = 0;
    int part = 0;        // an album split across discs: this part (1-based) of `parts`; 0: whole
    int parts = 0;
    QList<ManifestPhoto> photos;

    const ManifestPhoto *cover() const;
};

struct ManifestSession
{
    int number = 0;
    QString recordedAt;
    QList<ManifestAlbum> albums;
};

// KEEPSAKE.JSON: who the disc belongs to (lab, customer), its ID and every session
// with its albums and photos; KEEPSAKE.SIG signs those exact bytes with the lab key.
struct DiscManifest
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DiscManifest)

public:
    static QString jsonName() { return QStringLiteral("KEEPSAKE.JSON"); }
    static QString signatureName() { return QStringLiteral("KEEPSAKE.SIG"); }

    QString discId;
    QString labName;
    QString labKeyId;
    QString customerCode;
    QString customerName;
    QList<ManifestSession> sessions;

    QByteArray toJson() const;
    static Result<DiscManifest> fromJson(const QByteArray &json);

    Result<QByteArray> signature(const LabKey &key, const QByteArray &json) const;
    // The manifest a disc carries, when it is signed by this lab's key; Refused (with
    // a sentence the clerk can read out) when it is not: made by another lab, or made
    // here and altered or damaged since.
    static Result<DiscManifest> readSigned(const QByteArray &json, const QByteArray &signatureFile,
                                           const LabKey &key);
    // The same against every key of the lab or chain (ChainKeys::trusted): signed by
    // any of them is the lab's own.
    static Result<DiscManifest> readSigned(const QByteArray &json, const QByteArray &signatureFile,
                                           const QList<LabKey> &keys);
};

} // namespace Keepsake
