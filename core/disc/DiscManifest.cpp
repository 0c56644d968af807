// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiscManifest.h"

#include "LabKey.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace Keepsake {

namespace {

const QLatin1String Format("keepsake-disc/1");

QJsonObject photoJson(const ManifestPhoto &p)
{
    return { { QStringLiteral("id"), p.id }, { QStringLiteral("name"), p.name },
             { QStringLiteral("path"), p.path }, { QStringLiteral("sha256"), p.sha256 },
             { QStringLiteral("md5"), p.md5 }, { QStringLiteral("size"), p.size }, { QStringLiteral("taken"), p.taken },
             { QStringLiteral("camera"), p.camera }, { QStringLiteral("caption"), p.caption },
             { QStringLiteral("thumb"), p.thumb }, { QStringLiteral("view"), p.view } };
}

ManifestPhoto photoFrom(const QJsonObject &o)
{
    ManifestPhoto p;
    p.id = o.value(QStringLiteral("id")).toInteger();
    p.name = o.value(QStringLiteral("name")).toString();
    p.path = o.value(QStringLiteral("path")).toString();
    p.sha256 = o.value(QStringLiteral("sha256")).toString();
    p.md5 = o.value(QStringLiteral("md5")).toString();
    p.size = o.value(QStringLiteral("size")).toInteger();
    p.taken = o.value(QStringLiteral("taken")).toString();
    p.camera = o.value(QStringLiteral("camera")).toString();
    p.caption = o.value(QStringLiteral("caption")).toString();
    p.thumb = o.value(QStringLiteral("thumb")).toString();
    p.view = o.value(QStringLiteral("view")).toString();
    return p;
}

QJsonObject albumJson(const ManifestAlbum &a)
{
    QJsonArray photos;
    for (const ManifestPhoto &p : a.photos)
        photos.append(photoJson(p));
    QJsonObject album { { QStringLiteral("id"), a.id }, { QStringLiteral("title"), a.title },
                        { QStringLiteral("folder"), a.folder }, { QStringLiteral("handed_in"), a.handedIn },
                        { QStringLiteral("cover"), a.coverPhoto }, { QStringLiteral("photos"), photos } };
    if (a.parts > 1) {
        album.insert(QStringLiteral("part"), a.part);
        album.insert(QStringLiteral("parts"), a.parts);
    }
    return album;
}

ManifestAlbum albumFrom(const QJsonObject &o)
{
    ManifestAlbum a;
    a.id = o.value(QStringLiteral("id")).toInteger();
    a.title = o.value(QStringLiteral("title")).toString();
    a.folder = o.value(QStringLiteral("folder")).toString();
    a.handedIn = o.value(QStringLiteral("handed_in")).toString();
    a.coverPhoto = o.value(QStringLiteral("cover")).toInteger();
    a.part = o.value(QStringLiteral("part")).toInt();
    a.parts = o.value(QStringLiteral("parts")).toInt();
    const QJsonArray photos = o.value(QStringLiteral("photos")).toArray();
    for (const QJsonValue &p : photos)
        a.photos.append(photoFrom(p.toObject()));
    return a;
}

} // namespace

const ManifestPhoto *ManifestAlbum::cover() const
{
    for (const ManifestPhoto &p : photos)
        if (p.id == coverPhoto)
            return &p;
    return photos.isEmpty() ? nullptr : &photos.first();
}

QByteArray DiscManifest::toJson() const
{
    QJsonArray sessionArray;
    for (const ManifestSession &s : sessions) {
        QJsonArray albums;
        for (const ManifestAlbum &a : s.albums)
            albums.append(albumJson(a));
        sessionArray.append(QJsonObject { { QStringLiteral("number"), s.number },
                                          { QStringLiteral("recorded_at"), s.recordedAt },
                                          { QStringLiteral("albums"), albums } });
    }
    const QJsonObject root {
        { QStringLiteral("format"), Format },
        { QStringLiteral("disc"), discId },
        { QStringLiteral("lab"), QJsonObject { { QStringLiteral("name"), labName },
                                               { QStringLiteral("key"), labKeyId } } },
        { QStringLiteral("customer"), QJsonObject { { QStringLiteral("code"), customerCode },
                                                    { QStringLiteral("name"), customerName } } },
        { QStringLiteral("sessions"), sessionArray },
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<DiscManifest> DiscManifest::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    const QJsonObject root = document.object();
    if (document.isNull() || root.value(QStringLiteral("format")).toString() != Format)
        return Error::refused(tr("This disc's KEEPSAKE.JSON is not a Keepsake disc manifest."));
    DiscManifest m;
    m.discId = root.value(QStringLiteral("disc")).toString();
    const QJsonObject lab = root.value(QStringLiteral("lab")).toObject();
    m.labName = lab.value(QStringLiteral("name")).toString();
    m.labKeyId = lab.value(QStringLiteral("key")).toString();
    const QJsonObject customer = root.value(QStringLiteral("customer")).toObject();
    m.customerCode = customer.value(QStringLiteral("code")).toString();
    m.customerName = customer.value(QStringLiteral("name")).toString();
    const QJsonArray sessionArray = root.value(QStringLiteral("sessions")).toArray();
    for (const QJsonValue &value : sessionArray) {
        const QJsonObject o = value.toObject();
        ManifestSession s;
        s.number = o.value(QStringLiteral("number")).toInt();
        s.recordedAt = o.value(QStringLiteral("recorded_at")).toString();
        const QJsonArray albums = o.value(QStringLiteral("albums")).toArray();
        for (const QJsonValue &a : albums)
            s.albums.append(albumFrom(a.toObject()));
        m.sessions.append(s);
    }
    return m;
}

Result<QByteArray> DiscManifest::signature(const LabKey &key, const QByteArray &json) const
{
    const Result<QByteArray> signed_ = key.sign(json);
    if (!signed_)
        return signed_.error();
    const QJsonObject sig { { QStringLiteral("algorithm"), QStringLiteral("ed25519") },
                            { QStringLiteral("key"), key.keyId() },
                            { QStringLiteral("public_key"), QString::fromLatin1(key.publicKey().toBase64()) },
                            { QStringLiteral("signature"), QString::fromLatin1(signed_->toBase64()) } };
    return QJsonDocument(sig).toJson(QJsonDocument::Indented);
}

Result<DiscManifest> DiscManifest::readSigned(const QByteArray &json, const QByteArray &signatureFile,
                                              const LabKey &key)
{
    return readSigned(json, signatureFile, QList<LabKey> { key });
}

Result<DiscManifest> DiscManifest::readSigned(const QByteArray &json, const QByteArray &signatureFile,
                                              const QList<LabKey> &keys)
{
    Result<DiscManifest> manifest = fromJson(json);
    if (!manifest)
        return manifest.error();
    const QJsonObject sig = QJsonDocument::fromJson(signatureFile).object();
    const QByteArray signature = QByteArray::fromBase64(sig.value(QStringLiteral("signature")).toString().toLatin1());
    const QString keyId = sig.value(QStringLiteral("key")).toString();
    const auto key = std::find_if(keys.cbegin(), keys.cend(), [&](const LabKey &k) { return k.keyId() == keyId; });
    if (key == keys.cend()) {
        const QString lab = manifest->labName.isEmpty() ? tr("another lab") : manifest->labName;
        return Error::refused(tr("This disc was made by %1, not by this lab (its manifest is signed with "
                                 "another key). Nothing can be added to it here: please use a new disc.")
                                  .arg(lab));
    }
    if (!key->verify(json, signature))
        return Error::refused(tr("This disc was made by this lab, but its manifest has been altered or damaged "
                                 "since (the signature no longer matches). Nothing can be added to it: please "
                                 "use a new disc."));
    return manifest;
}

} // namespace Keepsake
