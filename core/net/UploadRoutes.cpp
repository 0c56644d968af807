// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A kiosk asks for a phone's upload address for its signed-in customer and follows the
// photos arriving through it (issue 16).
#include "DeviceServer.h"
#include "ServiceRoutes.h"
#include "catalog/Customers.h"
#include "lab/Lab.h"
#include "web/PhoneAddresses.h"

namespace Keepsake::ServiceRoutes {

namespace {

using Method = QHttpServerRequest::Method;
using Access = DeviceServer::Access;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::UploadRoutes)
};

} // namespace

void addUploads(DeviceServer &server, const Lab &lab)
{
    server.route(Method::Post, QStringLiteral("uploads"), Access::Terminal, [&lab](ServiceRequest &request) {
        const Result<QJsonObject> body = request.json();
        if (!body)
            return ServiceReply::fail(body.error());
        const Result<Customer> customer = Customers(lab.catalog()).byCode(body->value(QStringLiteral("customer")).toString());
        if (!customer)
            return ServiceReply::fail(customer.error());
        const Result<PhoneAddresses::Address> address = PhoneAddresses(lab).open(request.caller.actor(), customer->id);
        return address ? ServiceReply::object(PhoneAddresses::toJson(address->upload, address->url), 201)
                       : ServiceReply::fail(address.error());
    });
    server.route(Method::Get, QStringLiteral("uploads/{}"), Access::Terminal, [&lab](ServiceRequest &request) {
        bool valid = false;
        const qint64 id = request.captures.at(0).toLongLong(&valid);
        if (!valid)
            return ServiceReply::fail(Error::usage(Tr::tr("\"%1\" is not an ID.").arg(request.captures.at(0).left(40))));
        const Result<PhoneUpload> upload = PhoneAddresses(lab).read(request.caller.actor(), id);
        return upload ? ServiceReply::object(PhoneAddresses::toJson(*upload)) : ServiceReply::fail(upload.error());
    });
}

} // namespace Keepsake::ServiceRoutes
