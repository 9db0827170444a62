//! Stand-in for aws_lambda_events 1.x: the fields the templates touch, with their 1.x types
//! (Option<String> where the crate has it) and #[non_exhaustive] as in the crate, so struct
//! literals fail here as they would against the real crate.
pub mod encodings {
    #[non_exhaustive]
    #[derive(Clone, Debug, Default)]
    pub struct Base64Data(pub Vec<u8>);
    impl std::ops::Deref for Base64Data {
        type Target = Vec<u8>;
        fn deref(&self) -> &Vec<u8> {
            &self.0
        }
    }
}
pub mod event {
    #[derive(Clone, Debug, Default)]
    pub struct DateTime;
    #[cfg(feature = "sqs")]
    pub mod sqs {
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct SqsEvent {
            pub records: Vec<SqsMessage>,
        }
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct SqsMessage {
            pub message_id: Option<String>,
            pub body: Option<String>,
            pub receipt_handle: Option<String>,
        }
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct SqsBatchResponse {
            pub batch_item_failures: Vec<BatchItemFailure>,
        }
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct BatchItemFailure {
            pub item_identifier: String,
        }
    }
    #[cfg(feature = "sns")]
    pub mod sns {
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct SnsEvent {
            pub records: Vec<SnsRecord>,
        }
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct SnsRecord {
            pub event_source: String,
            pub sns: SnsMessage,
        }
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct SnsMessage {
            pub message_id: String,
            pub subject: Option<String>,
            pub message: String,
            pub timestamp: super::DateTime,
        }
    }
    #[cfg(feature = "s3")]
    pub mod s3 {
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct S3Event {
            pub records: Vec<S3EventRecord>,
        }
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct S3EventRecord {
            pub event_name: Option<String>,
            pub event_time: super::DateTime,
            pub s3: S3Entity,
        }
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct S3Entity {
            pub bucket: S3Bucket,
            pub object: S3Object,
        }
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct S3Bucket {
            pub name: Option<String>,
            pub arn: Option<String>,
        }
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct S3Object {
            pub key: Option<String>,
            pub size: Option<i64>,
        }
    }
    #[cfg(feature = "eventbridge")]
    pub mod eventbridge {
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct EventBridgeEvent<T1 = serde_json::Value> {
            pub detail_type: String,
            pub source: String,
            pub time: Option<super::DateTime>,
            pub resources: Option<Vec<String>>,
            pub detail: T1,
        }
    }
    #[cfg(feature = "dynamodb")]
    pub mod dynamodb {
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct Event {
            pub records: Vec<EventRecord>,
        }
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct EventRecord {
            pub aws_region: String,
            pub change: StreamRecord,
            pub event_id: String,
            pub event_name: String,
        }
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct StreamRecord {
            pub sequence_number: Option<String>,
            pub size_bytes: i64,
        }
    }
    #[cfg(feature = "kinesis")]
    pub mod kinesis {
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct KinesisEvent {
            pub records: Vec<KinesisEventRecord>,
        }
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct KinesisEventRecord {
            pub event_id: Option<String>,
            pub kinesis: KinesisRecord,
        }
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct KinesisRecord {
            pub data: crate::encodings::Base64Data,
            pub partition_key: String,
            pub sequence_number: String,
        }
    }
    #[cfg(feature = "streams")]
    pub mod streams {
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct KinesisEventResponse {
            pub batch_item_failures: Vec<KinesisBatchItemFailure>,
        }
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct KinesisBatchItemFailure {
            pub item_identifier: Option<String>,
        }
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct DynamoDbEventResponse {
            pub batch_item_failures: Vec<DynamoDbBatchItemFailure>,
        }
        #[non_exhaustive]
        #[derive(Clone, Debug, Default)]
        pub struct DynamoDbBatchItemFailure {
            pub item_identifier: Option<String>,
        }
    }
}
